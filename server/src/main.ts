import { startApp } from './app.js';
import { loadConfig } from './config.js';
import { createLogger } from './lib/logger.js';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);

try {
  const app = await startApp(config, logger);
  if (app.firstAdmin) {
    // Printed to the terminal, never logged: the only time this password is shown.
    const password = app.firstAdmin.generatedPassword ?? '(ADMIN_PASSWORD)';
    console.log(`\nFirst start: created the admin account\n  email:    ${app.firstAdmin.email}\n  password: ${password}\nLog in and change the password under Account; invite your team under Users.\n`);
  }
  console.log(`Call Assist is running: http://${config.HOST}:${app.port}/  (Ctrl-C stops it)`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
} catch (error) {
  logger.fatal({ err: error }, 'could not start');
  process.exit(1);
}

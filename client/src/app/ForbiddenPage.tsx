import type { Role } from '@call-assist/shared';
import { Link } from 'wouter';

/** A screen the user's role may not open (a link from someone else, an old bookmark): say so, rather than fail. */
export function ForbiddenPage({ title, role }: { title: string; role: Role }) {
  return (
    <section className="page">
      <h1>{title}</h1>
      <p className="notice" role="status" data-testid="forbidden">
        Your role ({role}) cannot open this page.
      </p>
      <p>
        If you need it, ask an admin of your organisation. <Link href="/">Go to the live call</Link>.
      </p>
    </section>
  );
}

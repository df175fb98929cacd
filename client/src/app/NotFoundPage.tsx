import { Link } from 'wouter';

export function NotFoundPage() {
  return (
    <section className="page">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link href="/">Go to the live call</Link>.
      </p>
    </section>
  );
}

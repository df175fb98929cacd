// Placeholder for the bulk-import page: the next person replaces it with the start form, job list
// and per-file progress.
export default function ImportsPage() {
  return (
    <section className="page">
      <h1>Imports</h1>
      <p>Recorded calls are analysed like live ones. Upload a recording through the API:</p>
      <pre className="code-block">curl -F file=@call.mp3 {window.location.origin}/api/calls</pre>
    </section>
  );
}

using System.Runtime.CompilerServices;

// The tests run the pipeline with their own rules (e.g. one that crashes) through the internal overload.
[assembly: InternalsVisibleTo("KmsLint.Templates.Tests")]
// The CLI tests run the whole command over a pipeline holding a crashing rule (KMS999 must fail the run).
[assembly: InternalsVisibleTo("KmsLint.Cli.Tests")]

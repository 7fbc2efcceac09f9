using System.Runtime.CompilerServices;

// The tests run the pipeline with their own rules (e.g. one that crashes) through the internal overload.
[assembly: InternalsVisibleTo("KmsLint.Templates.Tests")]

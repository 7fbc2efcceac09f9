using System.Text;
using CsCheck;

namespace KmsLint.Templates.Tests;

/// <summary>
/// Random and mutated inputs never make <see cref="Linter.Lint"/> throw, nor the coverage report built from the same
/// graph (<see cref="Linter.Report"/>, which runs the lint too): everything ends in findings.
/// Iterations come from KMSLINT_FUZZ_ITERATIONS (default 2,000); a long run:
/// <c>KMSLINT_FUZZ_ITERATIONS=1000000 dotnet test tests/KmsLint.Templates.Tests --filter Category=Fuzz</c>.
/// </summary>
[Trait("Category", "Fuzz")]
public class FuzzTests
{
    internal static readonly long Iterations =
        long.TryParse(Environment.GetEnvironmentVariable("KMSLINT_FUZZ_ITERATIONS"), out var configured) && configured > 0 ? configured : 2_000;

    /// <summary>Fragments that steer random text into the front end's interesting corners.</summary>
    private static readonly string[] Fragments =
    {
        "AWSTemplateFormatVersion: x\n", "Resources:\n", "  K:\n", "    Type: AWS::KMS::Key\n", "    Properties:\n",
        "!Ref ", "!GetAtt ", "!Sub ", "!If ", "!Foo ", "Fn::Sub", "${", "}", "[", "]", "{", "}", ":", "- ", "&a ", "*a ",
        "\"", "'", "#", "\t", "\n", "  ", "\u00e9", "\ud83d\ude00", "\0", "\r\n", "{ \"Ref\": ", "Enabled: false\n", "? ", "|\n", "---\n",
    };

    [Fact]
    public void Random_bytes_never_throw()
    {
        Gen.Byte.Array[0, 600].Sample(bytes => LintDoesNotThrow(bytes, "random.template"), iter: Iterations);
    }

    [Fact]
    public void Random_template_like_text_never_throws()
    {
        Gen.OneOf(Fragments).Array[0, 80]
            .Select(parts => string.Concat(parts))
            .Sample(text => LintDoesNotThrow(Encoding.UTF8.GetBytes(text), "fragments.yaml"), iter: Iterations);
    }

    [CorpusFact]
    public void Mutated_corpus_files_never_throw()
    {
        var corpus = Corpus.Files().Select(File.ReadAllBytes).Where(b => b.Length < 40_000).ToArray();
        var mutation = Gen.Int[0, corpus.Length - 1].SelectMany(file =>
            Gen.Select(Gen.Int[0, 4], Gen.Int[0, int.MaxValue], Gen.Byte, Gen.Int[1, 64], (kind, at, value, length) =>
                Mutate(corpus[file], kind, at, value, length)));

        mutation.Sample(bytes => LintDoesNotThrow(bytes, "mutated.yaml"), iter: Math.Max(1, Iterations / 4));
    }

    /// <summary>Flips, inserts, deletes, duplicates or truncates a piece of a real template.</summary>
    private static byte[] Mutate(byte[] original, int kind, int at, byte value, int length)
    {
        var bytes = original.ToList();
        var position = bytes.Count == 0 ? 0 : at % bytes.Count;
        switch (kind)
        {
            case 0 when bytes.Count > 0:
                bytes[position] = value;
                break;
            case 1:
                bytes.InsertRange(position, Enumerable.Repeat(value, length));
                break;
            case 2:
                bytes.RemoveRange(position, Math.Min(length, bytes.Count - position));
                break;
            case 3:
                bytes.InsertRange(position, bytes.Skip(position).Take(length).ToList());
                break;
            default:
                bytes.RemoveRange(position, bytes.Count - position);
                break;
        }

        return bytes.ToArray();
    }

    private static bool LintDoesNotThrow(byte[] bytes, string path)
    {
        var report = Linter.Report(new[] { TestLint.Source(path, bytes) }, LintSettings.Default);
        Assert.DoesNotContain(report.Lint.Findings, f => f.RuleId == "KMS999");
        return true;
    }
}

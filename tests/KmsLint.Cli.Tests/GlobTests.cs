using KmsLint.Cli.Discovery;

namespace KmsLint.Cli.Tests;

public sealed class GlobTests
{
    [Theory]
    [InlineData("legacy/**", "legacy/old.yaml", true)]
    [InlineData("legacy/**", "legacy/deep/er/old.yaml", true)]
    [InlineData("legacy/**", "legacy", true)]
    [InlineData("legacy/**", "src/legacy/old.yaml", false)]
    [InlineData("**/legacy/**", "src/legacy/old.yaml", true)]
    [InlineData("**/*.json", "a.json", true)]
    [InlineData("**/*.json", "a/b/c.json", true)]
    [InlineData("**/*.json", "a/b/c.yaml", false)]
    [InlineData("*.json", "a.json", true)]
    [InlineData("*.json", "a/b.json", false)]
    [InlineData("stacks/*-test.yaml", "stacks/kms-test.yaml", true)]
    [InlineData("stacks/*-test.yaml", "stacks/kms-prod.yaml", false)]
    [InlineData("stacks/*", "stacks/x/y.yaml", false)]
    [InlineData("stack?.yaml", "stack1.yaml", true)]
    [InlineData("stack?.yaml", "stack12.yaml", false)]
    [InlineData("stack?.yaml", "stack/.yaml", false)]
    [InlineData("./a/*.yaml", "a/b.yaml", true)]
    [InlineData("a/**/b/*.yaml", "a/b/c.yaml", true)]
    [InlineData("a/**/b/*.yaml", "a/x/y/b/c.yaml", true)]
    [InlineData("*a*b*", "xaybz", true)]
    [InlineData("*a*b*", "xbya", false)]
    [InlineData("Legacy/**", "legacy/x.yaml", false)]
    [InlineData("**/**/a/**", "a", true)]
    [InlineData("**/a/**/b/**/c", "a/b/x/c/b/c", true)]
    [InlineData("**/a/**/b/**/c", "a/c/b", false)]
    [InlineData("a/**/*.yaml/**/z", "a/x.yaml/y.yaml/z", true)]
    [InlineData("**", "", true)]
    [InlineData("*b.yaml", "*ab.yaml", true)]
    [InlineData("a", "", false)]
    public void MatchesLikeAShellGlobWithDoubleStar(string pattern, string path, bool expected) =>
        Assert.Equal(expected, new Glob(pattern).Matches(path));
}

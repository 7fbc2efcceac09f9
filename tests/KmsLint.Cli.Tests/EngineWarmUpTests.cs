namespace KmsLint.Cli.Tests;

/// <summary>The start-up warm-up swallows its failures, so a sample that stopped parsing or matching would go unnoticed.</summary>
public sealed class EngineWarmUpTests
{
    [Fact]
    public void The_warm_up_parses_its_sample_and_its_pattern_matches_DisableKey()
    {
        Assert.True(EngineWarmUp.Exercise());
    }
}

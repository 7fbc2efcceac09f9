namespace KmsLint.Cli.Commands;

/// <summary>Which of the two products reports a rule, which also says where its level is changed.</summary>
internal enum RuleProduct
{
    /// <summary><c>kmslint lint</c> on CloudFormation templates; levels in <c>.kmslint.yaml</c>.</summary>
    Linter,

    /// <summary>The Roslyn analyzer of the NuGet package KmsLint.Analyzers; severities in <c>.editorconfig</c>.</summary>
    Analyzer,
}

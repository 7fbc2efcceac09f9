using KmsLint.Templates.Findings;

namespace KmsLint.Cli.Commands;

/// <summary>A rule of either product, as <c>kmslint rules</c> and <c>kmslint explain</c> show it.</summary>
internal sealed record KnownRule(RuleDescriptor Descriptor, RuleProduct Product);

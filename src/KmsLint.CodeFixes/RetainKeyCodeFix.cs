using System.Collections.Immutable;
using System.Composition;
using KmsLint.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace KmsLint.CodeFixes;

/// <summary>
/// KMS006: the key's removal or deletion policy becomes RETAIN. The value is replaced where the key receives it —
/// the assignment or argument — so a local shared with other constructs (a dev bucket) keeps its value for them.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RetainKeyCodeFix))]
[Shared]
public sealed class RetainKeyCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.KeyConstructDestroyed);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null
                || PolicyValue(root, diagnostic) is not { } value
                || !diagnostic.Properties.TryGetValue(KeyRemovalPolicyRule.PolicyTypeProperty, out var policyType)
                || string.IsNullOrEmpty(policyType))
            {
                continue;
            }

            var typeName = policyType!.Substring(policyType.LastIndexOf('.') + 1);
            var retain = SyntaxFactory.ParseExpression($"global::{policyType}.{KeyRemovalPolicyRule.RetainMember}")
                .WithAdditionalAnnotations(Simplifier.Annotation)
                .WithTriviaFrom(value);
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Retain the key: {typeName}.{KeyRemovalPolicyRule.RetainMember}",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(value, retain))),
                    equivalenceKey: nameof(RetainKeyCodeFix)),
                diagnostic);
        }
    }

    /// <summary>The value the key receives: the right side of the assignment or the argument the diagnostic sits on.</summary>
    private static ExpressionSyntax? PolicyValue(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) switch
        {
            AssignmentExpressionSyntax assignment => assignment.Right,
            ArgumentSyntax argument => argument.Expression,
            ExpressionSyntax expression => expression,
            _ => null,
        };
}

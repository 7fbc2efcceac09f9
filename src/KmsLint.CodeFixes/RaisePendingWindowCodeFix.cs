using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using KmsLint.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KmsLint.CodeFixes;

/// <summary>
/// KMS005 and KMS007: replaces the too-short pending window with the configured minimum — the number itself, which
/// KMS007 gives as its additional location (<c>Duration.Days(7)</c> becomes <c>Duration.Days(30)</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RaisePendingWindowCodeFix))]
[Shared]
public sealed class RaisePendingWindowCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.PendingWindowTooShort, RuleIdentifiers.KeyConstructPendingWindowTooShort);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var number = diagnostic.AdditionalLocations.FirstOrDefault() ?? diagnostic.Location;
            if (root?.FindNode(number.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax window
                || !diagnostic.Properties.TryGetValue(PendingWindowRule.MinimumDaysProperty, out var text)
                || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var minimum))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Raise the pending window to {minimum} days",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(window, Literal(minimum, window)))),
                    equivalenceKey: nameof(RaisePendingWindowCodeFix)),
                diagnostic);
        }
    }

    private static LiteralExpressionSyntax Literal(int days, ExpressionSyntax replaced) =>
        SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(days))
            .WithTriviaFrom(replaced);
}

using System.Collections.Immutable;
using System.Composition;
using KmsLint.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace KmsLint.CodeFixes;

/// <summary>
/// KMS008: removes the <c>Enabled = …</c> assignment — from the object initializer with its comma, or the whole
/// statement — since keys are enabled by default. The lines around it keep their layout.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveEnabledFalseCodeFix))]
[Shared]
public sealed class RemoveEnabledFalseCodeFix : CodeFixProvider
{
    private const string Title = "Remove 'Enabled = false': keys are enabled by default";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.KeyConstructDisabled);

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
        (context, document, diagnostics) => RemoveAsync(document, diagnostics, context.CancellationToken));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null || Removal(root, diagnostic) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    Title,
                    async cancellationToken => await RemoveAsync(context.Document, ImmutableArray.Create(diagnostic), cancellationToken).ConfigureAwait(false)
                        ?? context.Document,
                    equivalenceKey: nameof(RemoveEnabledFalseCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document?> RemoveAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return null;
        }

        var removals = diagnostics.Select(diagnostic => Removal(root, diagnostic)).OfType<TextSpan>().Distinct().ToList();
        if (removals.Count == 0)
        {
            return null;
        }

        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        return document.WithText(text.WithChanges(removals.Select(span => new TextChange(span, string.Empty))));
    }

    /// <summary>The text to delete for the assignment the diagnostic sits on, or null.</summary>
    private static TextSpan? Removal(SyntaxNode root, Diagnostic diagnostic)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not AssignmentExpressionSyntax assignment)
        {
            return null;
        }

        switch (assignment.Parent)
        {
            case InitializerExpressionSyntax initializer:
                var elements = initializer.Expressions;
                var index = elements.IndexOf(assignment);
                if (index < elements.SeparatorCount)
                {
                    // "Enabled = false," with its indentation and the line end after the comma: the whole line.
                    return TextSpan.FromBounds(assignment.FullSpan.Start, elements.GetSeparator(index).FullSpan.End);
                }

                // The last element without a trailing comma: the comma before it goes too.
                return index > 0
                    ? TextSpan.FromBounds(elements.GetSeparator(index - 1).SpanStart, assignment.Span.End)
                    : assignment.FullSpan;
            case ExpressionStatementSyntax statement:
                return TextSpan.FromBounds(LineStart(statement), statement.FullSpan.End);
            default:
                return null;
        }
    }

    /// <summary>Where the statement's own line begins: comments and blank lines above it stay.</summary>
    private static int LineStart(StatementSyntax statement)
    {
        var start = statement.FullSpan.Start;
        foreach (var trivia in statement.GetLeadingTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia) || trivia.HasStructure)
            {
                start = trivia.FullSpan.End;
            }
        }

        return start;
    }
}

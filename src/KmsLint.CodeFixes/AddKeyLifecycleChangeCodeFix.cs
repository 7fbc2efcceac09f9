using System.Collections.Immutable;
using System.Composition;
using KmsLint.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KmsLint.CodeFixes;

/// <summary>
/// KMS001–KMS003, KMS006, KMS008, KMS009: puts <c>[KeyLifecycleChange("")]</c> on the innermost method, local function, constructor or
/// property around the call (adding <c>using KmsLint;</c> when missing). The empty change request is deliberate:
/// KMS004 then asks the author to name the approved change request, so the fix cannot silence the rule by itself.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddKeyLifecycleChangeCodeFix))]
[Shared]
public sealed class AddKeyLifecycleChangeCodeFix : CodeFixProvider
{
    private const string Title = "Add [KeyLifecycleChange(\"\")] naming the approved change request";
    private const string AnnotationNamespace = "KmsLint";
    private const string AttributeName = "KeyLifecycleChange";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        RuleIdentifiers.ScheduleKeyDeletion,
        RuleIdentifiers.DisableKey,
        RuleIdentifiers.DestroyKeyMaterial,
        RuleIdentifiers.KeyConstructDestroyed,
        RuleIdentifiers.KeyConstructDisabled,
        RuleIdentifiers.ExpiringKeyMaterial);

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (GuardTarget(root, diagnostic) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    Title,
                    async cancellationToken => await FixAllInDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), cancellationToken).ConfigureAwait(false)
                        ?? context.Document,
                    equivalenceKey: nameof(AddKeyLifecycleChangeCodeFix)),
                diagnostic);
        }
    }

    private static Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics) =>
        FixAllInDocumentAsync(document, diagnostics, context.CancellationToken);

    /// <summary>One attribute per member however many calls it holds, and one using per file.</summary>
    private static async Task<Document?> FixAllInDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        if (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not CompilationUnitSyntax root)
        {
            return null;
        }

        var targets = diagnostics.Select(diagnostic => GuardTarget(root, diagnostic)).OfType<SyntaxNode>().Distinct().ToList();
        if (targets.Count == 0)
        {
            return null;
        }

        var endOfLine = DocumentEndOfLine(root);
        var newRoot = root.ReplaceNodes(targets, (_, rewritten) => WithGuardAttribute(rewritten, endOfLine));
        return document.WithSyntaxRoot(WithAnnotationNamespaceImported((CompilationUnitSyntax)newRoot, endOfLine));
    }

    /// <summary>
    /// The innermost declaration around the diagnostic that can carry the attribute; lambdas are skipped (a simple
    /// lambda cannot). None when the call sits directly in a type (a field initializer): the fix does not guard a
    /// whole type on the strength of one call.
    /// </summary>
    private static SyntaxNode? GuardTarget(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
            .AncestorsAndSelf()
            .FirstOrDefault(node => node is LocalFunctionStatementSyntax
                or MethodDeclarationSyntax
                or ConstructorDeclarationSyntax
                or OperatorDeclarationSyntax
                or ConversionOperatorDeclarationSyntax
                or PropertyDeclarationSyntax
                or IndexerDeclarationSyntax
                or BaseTypeDeclarationSyntax) is { } target and not BaseTypeDeclarationSyntax
            ? target
            : null;

    private static SyntaxNode WithGuardAttribute(SyntaxNode declaration, SyntaxTrivia endOfLine)
    {
        var attributeLists = declaration switch
        {
            LocalFunctionStatementSyntax localFunction => localFunction.AttributeLists,
            MemberDeclarationSyntax member => member.AttributeLists,
            _ => default,
        };

        var firstToken = declaration.GetFirstToken();
        var indentation = Indentation(firstToken.LeadingTrivia);
        var guard = GuardAttributeList().WithTrailingTrivia(endOfLine);
        if (attributeLists.Count > 0)
        {
            // Goes after the existing attributes, on its own line with their indentation.
            return WithAttributeLists(declaration, attributeLists.Add(guard.WithLeadingTrivia(indentation)));
        }

        // The declaration's comments and indentation move in front of the attribute; the declaration keeps the indentation.
        var annotated = declaration.ReplaceToken(firstToken, firstToken.WithLeadingTrivia(indentation));
        return WithAttributeLists(annotated, attributeLists.Add(guard.WithLeadingTrivia(firstToken.LeadingTrivia)));
    }

    private static SyntaxNode WithAttributeLists(SyntaxNode declaration, SyntaxList<AttributeListSyntax> attributeLists) => declaration switch
    {
        LocalFunctionStatementSyntax localFunction => localFunction.WithAttributeLists(attributeLists),
        MemberDeclarationSyntax member => member.WithAttributeLists(attributeLists),
        _ => declaration,
    };

    private static AttributeListSyntax GuardAttributeList() =>
        SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
            SyntaxFactory.Attribute(
                SyntaxFactory.IdentifierName(AttributeName),
                SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(
                    SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(
                        SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(string.Empty))))))));

    private static SyntaxTriviaList Indentation(SyntaxTriviaList leadingTrivia)
    {
        var lastLineStart = 0;
        for (var index = 0; index < leadingTrivia.Count; index++)
        {
            if (leadingTrivia[index].IsKind(SyntaxKind.EndOfLineTrivia) || leadingTrivia[index].HasStructure)
            {
                lastLineStart = index + 1;
            }
        }

        return SyntaxFactory.TriviaList(leadingTrivia.Skip(lastLineStart).Where(trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia)));
    }

    /// <summary>Keeps the file's own line endings (an LF file stays LF).</summary>
    private static SyntaxTrivia DocumentEndOfLine(SyntaxNode root) =>
        root.DescendantTrivia().FirstOrDefault(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia)) is { RawKind: not 0 } endOfLine
            ? endOfLine
            : SyntaxFactory.LineFeed;

    private static CompilationUnitSyntax WithAnnotationNamespaceImported(CompilationUnitSyntax root, SyntaxTrivia endOfLine)
    {
        if (root.Usings.Any(IsAnnotationNamespace)
            || root.Members.OfType<BaseNamespaceDeclarationSyntax>().Any(ns => ns.Usings.Any(IsAnnotationNamespace)))
        {
            return root;
        }

        var usingDirective = SyntaxFactory.UsingDirective(SyntaxFactory.IdentifierName(AnnotationNamespace))
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
            .WithTrailingTrivia(endOfLine);

        if (root.Usings.Count == 0)
        {
            // A new first line: the file's header comments stay above it, a blank line separates it from the code.
            var firstToken = root.GetFirstToken(includeZeroWidth: true);
            var withBlankLine = root.ReplaceToken(firstToken, firstToken.WithLeadingTrivia(endOfLine));
            return withBlankLine.WithUsings(withBlankLine.Usings.Add(usingDirective.WithLeadingTrivia(firstToken.LeadingTrivia)));
        }

        // Placed in order among the non-System usings, which is where a person would put it.
        var usings = root.Usings;
        var index = 0;
        while (index < usings.Count
               && usings[index].Alias is null
               && usings[index].StaticKeyword.IsKind(SyntaxKind.None)
               && string.CompareOrdinal(OrderKey(usings[index]), AnnotationNamespace) < 0)
        {
            index++;
        }

        if (index == 0)
        {
            // The file header stays at the top of the file.
            var header = usings[0].GetLeadingTrivia();
            usings = usings.Replace(usings[0], usings[0].WithLeadingTrivia());
            usingDirective = usingDirective.WithLeadingTrivia(header);
        }

        return root.WithUsings(usings.Insert(index, usingDirective));
    }

    private static string OrderKey(UsingDirectiveSyntax directive)
    {
        var name = directive.Name?.ToString() ?? string.Empty;
        // System usings come first (dotnet_sort_system_directives_first).
        return name == "System" || name.StartsWith("System.", StringComparison.Ordinal) ? "\0" + name : name;
    }

    private static bool IsAnnotationNamespace(UsingDirectiveSyntax directive) =>
        directive.Alias is null && directive.StaticKeyword.IsKind(SyntaxKind.None) && directive.Name?.ToString() == AnnotationNamespace;
}

using KmsLint.Templates.Findings;
using KmsLint.Templates.Graph;
using KmsLint.Templates.Model;
using KmsLint.Templates.Rules;
using KmsLint.Templates.Yaml;

namespace KmsLint.Templates.Pipeline;

/// <summary>parse once → model → graph → rules → levels and suppressions (<see cref="FindingFinisher"/>) → sorted findings.</summary>
internal static class LintPipeline
{
    internal static LintReport Run(IEnumerable<TemplateSource> sources, LintSettings settings) =>
        Run(sources, settings, RuleRegistry.All);

    internal static LintReport Run(IEnumerable<TemplateSource> sources, LintSettings settings, IReadOnlyList<LintRule> rules) =>
        Run(sources, settings, rules, RepoGraph.ReadsPropertiesOf);

    /// <param name="readsPropertiesOf">The resource types whose models keep their properties; null keeps every model whole (tests compare the two).</param>
    internal static LintReport Run(IEnumerable<TemplateSource> sources, LintSettings settings, IReadOnlyList<LintRule> rules, Func<string, bool>? readsPropertiesOf)
    {
        var findings = new List<Finding>();
        var templates = new List<Template>();
        var notTemplates = 0;
        foreach (var source in sources)
        {
            var parsed = SourceLoader.Load(source, settings.MaxFileBytes, findings);
            if (parsed is null)
            {
                continue;
            }

            if (parsed.ParseError is { } error)
            {
                if (parsed.LooksLikeTemplate)
                {
                    findings.Add(Report(RuleCatalog.TemplateDoesNotParse, error));
                }
                else
                {
                    notTemplates++;
                }

                continue;
            }

            if (!TemplateBuilder.IsTemplate(parsed.Root))
            {
                notTemplates++;
                continue;
            }

            var malformed = new List<ParseProblem>(parsed.Malformed);
            var uncheckedParts = new List<UncheckedPart>();
            templates.Add(TemplateBuilder.Build(parsed.Path, (MappingNode)parsed.Root!, malformed, readsPropertiesOf, uncheckedParts));
            foreach (var problem in malformed)
            {
                findings.Add(Report(RuleCatalog.TemplateMalformed, problem));
            }

            // A loop no rule would look into (S3 buckets, queues) is not worth a note.
            foreach (var part in uncheckedParts.Where(part => !part.IsUnknowable || part.ResourceTypes.Any(RepoGraph.ReadsPropertiesOf)))
            {
                findings.Add(new Finding(RuleCatalog.FileSkipped.Id, part.IsUnknowable ? Level.Note : RuleCatalog.FileSkipped.DefaultLevel, part.Message, part.Location));
            }
        }

        var graph = new RepoGraph(templates, settings);
        var rulesRun = new HashSet<string>(new[] { RuleCatalog.TemplateDoesNotParse.Id, RuleCatalog.TemplateMalformed.Id, RuleCatalog.FileSkipped.Id }, StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (settings.RunsAnywhere(rule.Descriptor) && RunGuarded(rule, graph, settings, findings))
            {
                rulesRun.Add(rule.Descriptor.Id);
            }
        }

        ReportReferenceCycles(graph, findings);
        var assumptions = graph.Resolver.Assumptions
            .Select(assumption => new Assumption(assumption.Describe(), assumption.ImportLocation))
            .OrderBy(assumption => assumption.Location.File, StringComparer.Ordinal).ThenBy(assumption => assumption.Location.StartLine)
            .ToList();
        var detections = graph.Routes.Detections.Select(Routes.DetectionSummary.Of).ToList();
        return new LintReport(new FindingFinisher(templates, settings, rulesRun).Finish(findings), templates.Count, notTemplates)
        {
            Assumptions = assumptions,
            Detections = detections,
            TemplatePaths = templates.Select(template => template.Path).ToList(),
        };
    }

    /// <summary>
    /// Every reference cycle as one KMS901 finding. Outputs, conditions and parameter defaults are resolved here so that
    /// their cycles are reported whichever rules ran; cycles through other values are found by the rules that read them.
    /// </summary>
    private static void ReportReferenceCycles(RepoGraph graph, List<Finding> findings)
    {
        foreach (var template in graph.Templates)
        {
            foreach (var output in template.Outputs)
            {
                graph.Resolver.Resolve(template, output.Value);
            }

            foreach (var condition in template.Conditions.Keys)
            {
                graph.Resolver.ConditionHolds(template, condition);
            }

            foreach (var parameter in template.Parameters)
            {
                graph.Resolver.Resolve(template, parameter.Default);
            }
        }

        foreach (var cycle in graph.Resolver.Cycles)
        {
            findings.Add(new Finding(
                RuleCatalog.TemplateMalformed.Id,
                RuleCatalog.TemplateMalformed.DefaultLevel,
                $"reference cycle: {cycle.Chain}. CloudFormation rejects references that lead back to themselves; KmsLint reads the value as unknown. Break the cycle.",
                cycle.Location));
        }
    }

    /// <summary>A crashing rule becomes a KMS999 finding; its findings before the crash are kept and the run goes on. False when it crashed.</summary>
    private static bool RunGuarded(LintRule rule, RepoGraph graph, LintSettings settings, List<Finding> findings)
    {
        SourceSpan? lastLocation = null;
        try
        {
            foreach (var finding in rule.Check(graph, settings))
            {
                findings.Add(finding);
                lastLocation = finding.Location;
            }
        }
        catch (Exception crash) when (crash is not OutOfMemoryException)
        {
            var where = lastLocation is null
                ? graph.FirstTemplate?.Start ?? SourceSpan.StartOf(string.Empty)
                : SourceSpan.StartOf(lastLocation.File);
            findings.Add(new Finding(
                RuleCatalog.InternalError.Id,
                RuleCatalog.InternalError.DefaultLevel,
                $"rule {rule.Descriptor.Id} failed ({crash.GetType().Name}: {crash.Message}); its other findings may be missing. Please report it.",
                where));
            return false;
        }

        return true;
    }

    private static Finding Report(RuleDescriptor rule, ParseProblem problem) =>
        new(rule.Id, rule.DefaultLevel, problem.Message, problem.Location);
}

using KmsLint.Templates.ChangeControl;
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
    internal static LintReport Run(IEnumerable<TemplateSource> sources, LintSettings settings, IReadOnlyList<LintRule> rules, Func<string, bool>? readsPropertiesOf) =>
        RunWithGraph(sources, settings, rules, readsPropertiesOf).Report;

    /// <summary>The run and the graph it built, for what is computed from the graph after the rules (the coverage report).</summary>
    internal static (LintReport Report, RepoGraph Graph) RunWithGraph(IEnumerable<TemplateSource> sources, LintSettings settings) =>
        RunWithGraph(sources, settings, RuleRegistry.All, RepoGraph.ReadsPropertiesOf);

    private static (LintReport Report, RepoGraph Graph) RunWithGraph(
        IEnumerable<TemplateSource> sources, LintSettings settings, IReadOnlyList<LintRule> rules, Func<string, bool>? readsPropertiesOf)
    {
        var findings = new List<Finding>();
        var linted = Load(sources, settings, readsPropertiesOf, findings);
        var templates = linted.Templates;
        var graph = new RepoGraph(templates, settings);
        if (settings.Baseline is { } baseline)
        {
            try
            {
                graph.Change = CompareWithBaseline(baseline, linted, graph, settings, readsPropertiesOf);
            }
            catch (Exception crash) when (crash is not OutOfMemoryException)
            {
                findings.Add(new Finding(RuleCatalog.InternalError.Id, RuleCatalog.InternalError.DefaultLevel,
                    $"comparing with {baseline.Name} failed ({crash.GetType().Name}: {crash.Message}); no change-control rule ran. Please report it.",
                    graph.FirstTemplate?.Start ?? SourceSpan.StartOf(string.Empty)));
            }
        }

        var ruleSettings = settings with { Unparsed = new UnparsedTemplates(linted.Unparsed) };
        var rulesRun = new HashSet<string>(new[] { RuleCatalog.TemplateDoesNotParse.Id, RuleCatalog.TemplateMalformed.Id, RuleCatalog.FileSkipped.Id }, StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            if (settings.RunsAnywhere(rule.Descriptor) && RunGuarded(rule, graph, ruleSettings, findings))
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
        return (new LintReport(new FindingFinisher(templates, settings, rulesRun).Finish(findings), templates.Count, linted.NotTemplates)
        {
            Assumptions = assumptions,
            Detections = detections,
            TemplatePaths = templates.Select(template => template.Path).ToList(),
        }, graph);
    }

    /// <summary>Parses every source once and models the templates; what cannot be read or parsed goes to <paramref name="findings"/>.</summary>
    private static LoadedSet Load(IEnumerable<TemplateSource> sources, LintSettings settings, Func<string, bool>? readsPropertiesOf, List<Finding> findings)
    {
        var loaded = new LoadedSet();
        foreach (var source in sources)
        {
            loaded.Paths.Add(source.Path);
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
                    loaded.Unparsed.Add(parsed);
                }
                else
                {
                    loaded.NotTemplates++;
                }

                continue;
            }

            if (!TemplateBuilder.IsTemplate(parsed.Root))
            {
                loaded.NotTemplates++;
                continue;
            }

            var malformed = new List<ParseProblem>(parsed.Malformed);
            var uncheckedParts = new List<UncheckedPart>();
            loaded.Templates.Add(TemplateBuilder.Build(parsed.Path, (MappingNode)parsed.Root!, malformed, readsPropertiesOf, uncheckedParts));
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

        return loaded;
    }

    /// <summary>
    /// Models the base's changed files (the unchanged ones share the linted models) and pairs them with the linted set.
    /// What the base's files get wrong is not this change's doing: a base file that does not parse or cannot be read is
    /// only noted as not compared, and its shape problems are not reported.
    /// </summary>
    private static ChangeSet CompareWithBaseline(Baseline baseline, LoadedSet linted, RepoGraph graph, LintSettings settings, Func<string, bool>? readsPropertiesOf)
    {
        var problems = new List<Finding>();
        var loaded = Load(baseline.Sources, settings, readsPropertiesOf, problems);
        string CurrentPath(string basePath) => baseline.Renames.TryGetValue(basePath, out var current) ? current : basePath;

        var baseTemplates = loaded.Templates.Select(template => (template, CurrentPath(template.Path))).ToList();
        var unchanged = new HashSet<string>(baseline.Unchanged, StringComparer.Ordinal);
        baseTemplates.AddRange(linted.Templates.Where(template => unchanged.Contains(template.Path)).Select(template => (template, template.Path)));

        var lintedTemplatePaths = new HashSet<string>(linted.Templates.Select(template => template.Path), StringComparer.Ordinal);
        var uncompared = problems
            .Where(problem => problem.RuleId == RuleCatalog.TemplateDoesNotParse.Id || problem.RuleId == RuleCatalog.FileSkipped.Id)
            .Where(problem => lintedTemplatePaths.Contains(CurrentPath(problem.Location.File)) || !linted.Paths.Contains(CurrentPath(problem.Location.File)))
            .Select(problem => new UncomparedFile(problem.Location.File, problem.RuleId == RuleCatalog.TemplateDoesNotParse.Id
                ? $"does not parse (line {problem.Location.StartLine}: {problem.Message})"
                : $"was not read ({problem.Message})"))
            .ToList();
        return ChangeSet.Compare(baseline, baseTemplates, linted.Paths, graph, uncompared, settings);
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

    /// <summary>The models of a set of sources, and the paths of every source (templates or not).</summary>
    private sealed class LoadedSet
    {
        public List<Template> Templates { get; } = new();

        public HashSet<string> Paths { get; } = new(StringComparer.Ordinal);

        public int NotTemplates { get; set; }

        /// <summary>The files meant as templates that did not parse: they may hold what a rule finds absent.</summary>
        public List<ParsedFile> Unparsed { get; } = new();
    }
}

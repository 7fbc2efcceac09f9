using KmsLint.Templates.Graph;
using KmsLint.Templates.Model;
using KmsLint.Templates.Resolution;

namespace KmsLint.Templates.ChangeControl;

/// <summary>
/// The linted version of the set paired with its base (<c>kmslint lint --base REF</c>): templates by path (across
/// renames), keys by logical id, each version read by its own resolver. The change-control rules read this.
/// </summary>
public sealed class ChangeSet
{
    private static readonly string[] KeyTypes = { "AWS::KMS::Key", "AWS::KMS::ReplicaKey" };

    private readonly Dictionary<Template, string> currentPathOfBase = new();
    private readonly IReadOnlyList<DeclaredChangeRequest> configured;
    private readonly List<KeyPair> kept = new();
    private readonly List<RemovedKey> removed = new();

    private ChangeSet(Baseline baseline, Resolver before, RepoGraph after, IReadOnlyList<UncomparedFile> uncompared, IReadOnlyList<DeclaredChangeRequest> configured)
    {
        Baseline = baseline;
        BeforeResolver = before;
        After = after;
        Uncompared = uncompared;
        this.configured = configured;
    }

    public Baseline Baseline { get; }

    /// <summary>How findings name the base, e.g. <c>main</c>.</summary>
    public string BaseName => Baseline.Name;

    /// <summary>Resolves values of the base's templates (exports and parameters as the base had them).</summary>
    public Resolver BeforeResolver { get; }

    /// <summary>The linted version's graph.</summary>
    public RepoGraph After { get; }

    /// <summary>Keys of the base still declared, paired with their linted resource.</summary>
    public IReadOnlyList<KeyPair> Kept => kept;

    /// <summary>Keys of the base the linted version no longer deploys.</summary>
    public IReadOnlyList<RemovedKey> Removed => removed;

    /// <summary>Base files whose keys could not be compared.</summary>
    public IReadOnlyList<UncomparedFile> Uncompared { get; }

    /// <summary>
    /// Pairs the base's templates (each with the linted path it corresponds to) with the linted ones. A base template
    /// whose path is not among <paramref name="lintedPaths"/> is removed; one whose linted file is no template any more
    /// is not compared (that file's own finding says why).
    /// </summary>
    internal static ChangeSet Compare(
        Baseline baseline,
        IReadOnlyList<(Template Template, string CurrentPath)> baseTemplates,
        IReadOnlyCollection<string> lintedPaths,
        RepoGraph after,
        IReadOnlyList<UncomparedFile> uncompared,
        LintSettings settings)
    {
        var before = new Resolver(baseTemplates.Select(entry => entry.Template), settings.Deployment);
        var change = new ChangeSet(baseline, before, after, uncompared, settings.ChangeRequests.Declared);
        var afterByPath = after.Templates.GroupBy(template => template.Path, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        foreach (var (template, currentPath) in baseTemplates)
        {
            change.currentPathOfBase[template] = currentPath;
            if (afterByPath.TryGetValue(currentPath, out var afterTemplate))
            {
                change.PairKeys(template, afterTemplate);
            }
            else if (!lintedPaths.Contains(currentPath))
            {
                change.removed.AddRange(change.DeployedKeys(template).Select(key => new RemovedKey(key, Removal.TemplateRemoved, null)));
            }
        }

        return change;
    }

    /// <summary>The linted path a template of either version stands for (a base template's path after renames).</summary>
    public string CurrentPathOf(Template template) =>
        currentPathOfBase.TryGetValue(template, out var path) ? path : template.Path;

    /// <summary>
    /// Every change request named for a change of key <paramref name="logicalId"/> of <paramref name="template"/> (the
    /// linted template; null when the template is removed): on the key, on the template, in <c>.kmslint.yaml</c>, in a
    /// commit trailer.
    /// </summary>
    public IReadOnlyList<DeclaredChangeRequest> ChangeRequestsFor(Template? template, string logicalId)
    {
        var found = new List<DeclaredChangeRequest>();
        if (template?.FindResource(logicalId)?.ChangeRequest is { } onKey)
        {
            found.Add(new DeclaredChangeRequest(onKey.Value, "the key's Metadata", onKey.Location, logicalId));
        }

        if (template?.ChangeRequest is { } onTemplate)
        {
            found.Add(new DeclaredChangeRequest(onTemplate.Value, "the template's Metadata", onTemplate.Location));
        }

        found.AddRange(configured.Where(request => request.LogicalId == logicalId));
        found.AddRange(Baseline.ChangeRequests);
        return found;
    }

    /// <summary>A property of a kept key in both versions (<paramref name="awsDefault"/> where it is not set).</summary>
    public PropertyComparison Property(KeyPair pair, string name, string? awsDefault) =>
        new(name,
            BeforeResolver.Read(pair.Before.Resource, name, awsDefault),
            After.Resolver.Read(pair.After, name, awsDefault),
            NodeComparer.WrittenAlike(pair.Before.Resource.Property(name), pair.After.Property(name)));

    /// <summary>A resource attribute (<c>DeletionPolicy</c>) of a kept key in both versions.</summary>
    public PropertyComparison Attribute(KeyPair pair, string name, string awsDefault)
    {
        var before = pair.Before.Resource.Definition[name];
        var after = pair.After.Definition[name];
        return new(name,
            BeforeResolver.Read(pair.Before.Resource.Template, before, awsDefault),
            After.Resolver.Read(pair.After.Template, after, awsDefault),
            NodeComparer.WrittenAlike(before, after));
    }

    /// <summary>
    /// What a value is, comparable across the two versions: a text, or a resource of the set by its linted template path,
    /// logical id and attribute; null when it cannot be known.
    /// </summary>
    public string? Identity(Reading reading) => reading.Value switch
    {
        LiteralValue literal => (literal.IsSymbolic ? "~" : "=") + literal.Text,
        ResourceValue resource => $"@{CurrentPathOf(resource.Resource.Template)}#{resource.Resource.LogicalId}.{resource.Attribute}",
        _ => null,
    };

    private void PairKeys(Template before, Template after)
    {
        foreach (var key in DeployedKeys(before))
        {
            var counterpart = after.FindResource(key.LogicalId!);
            if (counterpart is null)
            {
                removed.Add(new RemovedKey(key, Removal.ResourceRemoved, after));
            }
            else if (counterpart.Condition is { } condition && After.Resolver.ConditionHolds(after, condition) == false)
            {
                removed.Add(new RemovedKey(key, Removal.ConditionFalse, after));
            }
            else
            {
                kept.Add(new KeyPair(key, counterpart));
            }
        }
    }

    /// <summary>The base template's keys, but for those whose condition was decided false: they were never created.</summary>
    private IEnumerable<Key> DeployedKeys(Template template) =>
        template.Resources
            .Where(resource => KeyTypes.Contains(resource.Type, StringComparer.Ordinal))
            .Where(resource => resource.Condition is not { } condition || BeforeResolver.ConditionHolds(template, condition) != false)
            .Select(resource => new Key(resource));
}

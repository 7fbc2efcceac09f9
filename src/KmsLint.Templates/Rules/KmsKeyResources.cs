using KmsLint.Templates.Graph;
using KmsLint.Templates.Model;

namespace KmsLint.Templates.Rules;

/// <summary>The key rules KMS400–402 apply to replica keys too: both types hold key material that deletion destroys.</summary>
internal static class KmsKeyResources
{
    /// <summary>Every <c>AWS::KMS::Key</c> and <c>AWS::KMS::ReplicaKey</c> of the set, in template and file order.</summary>
    internal static IEnumerable<Resource> KeysAndReplicaKeys(this RepoGraph graph) =>
        graph.Templates.SelectMany(template => template.Resources)
            .Where(resource => resource.Type is "AWS::KMS::Key" or "AWS::KMS::ReplicaKey");

    /// <summary>"KMS key" or "KMS replica key", for messages.</summary>
    internal static string KeyKind(this Resource key) =>
        key.Type == "AWS::KMS::ReplicaKey" ? "KMS replica key" : "KMS key";
}

using KmsLint.Templates.Graph;
using KmsLint.Templates.Model;

namespace KmsLint.Templates.ChangeControl;

/// <summary>A key of the base whose logical id is still in the paired template of the linted version.</summary>
/// <param name="Before">The key as the base declares it (its resource belongs to the base's model).</param>
/// <param name="After">The resource the linted version declares under the same logical id (its type may have changed).</param>
public sealed record KeyPair(Key Before, Resource After)
{
    public string LogicalId => After.LogicalId;
}

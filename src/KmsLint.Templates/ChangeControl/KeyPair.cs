using KmsLint.Templates.Graph;
using KmsLint.Templates.Model;

namespace KmsLint.Templates.ChangeControl;

/// <summary>A key of the base whose logical id is still in the paired template of the linted version.</summary>
public sealed class KeyPair
{
    internal KeyPair(Key before, Resource after)
    {
        Before = before;
        After = after;
    }

    /// <summary>The key as the base declares it (its resource belongs to the base's model).</summary>
    public Key Before { get; }

    /// <summary>The resource the linted version declares under the same logical id (its type may have changed).</summary>
    public Resource After { get; }

    public string LogicalId => After.LogicalId;
}

using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KmsLint.Cli.Configuration;

/// <summary>
/// Passes YamlDotNet's parser events through and stops at a nesting depth: building the representation model of
/// ~100k-deep input overflows the stack and kills the process, which no catch can turn into a message.
/// </summary>
internal sealed class DepthLimitedParser(IParser inner, int maxDepth) : IParser
{
    private int depth;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
            return false;
        switch (inner.Current)
        {
            case MappingStart or SequenceStart when ++depth > maxDepth:
                throw new YamlException(inner.Current.Start, inner.Current.End, $"nesting deeper than {maxDepth} levels");
            case MappingEnd or SequenceEnd:
                depth--;
                break;
        }
        return true;
    }
}

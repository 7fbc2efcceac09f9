// netstandard2.0 lacks this marker type; C# records and init-only setters need it at compile time only.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}

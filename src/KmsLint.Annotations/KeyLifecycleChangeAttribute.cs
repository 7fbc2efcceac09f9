using System.Diagnostics;

namespace KmsLint;

/// <summary>
/// States that the annotated code implements an approved change request that may disable a KMS key or
/// schedule it for deletion. The KmsLint analyzer accepts calls such as <c>ScheduleKeyDeletionAsync</c>
/// only inside code carrying this attribute (on the lambda, local function, member or any containing type).
/// </summary>
/// <remarks>
/// The attribute is <see cref="ConditionalAttribute">conditional</see>: the compiler and the analyzer see it,
/// but it is not emitted into the built assembly, so the application needs no KmsLint assembly at run time.
/// </remarks>
[AttributeUsage(
    AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Method |
    AttributeTargets.Constructor | AttributeTargets.Property,
    AllowMultiple = false,
    Inherited = false)]
[Conditional("KMSLINT_KEEP_ATTRIBUTES")]
public sealed class KeyLifecycleChangeAttribute : Attribute
{
    /// <param name="changeRequest">The approved change request, e.g. <c>CHG-1234</c>.</param>
    public KeyLifecycleChangeAttribute(string changeRequest)
    {
        ChangeRequest = changeRequest;
    }

    /// <summary>The approved change request this code implements, e.g. <c>CHG-1234</c>.</summary>
    public string ChangeRequest { get; }

    /// <summary>Optional free text: why the key is disabled or deleted.</summary>
    public string? Reason { get; set; }
}

namespace KmsLint.Cli;

/// <summary>A mistake in how kmslint was called; printed as one line on stderr, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>An invalid <c>.kmslint.yaml</c>; the message is <c>file:line:col: key: reason</c>, exit code 2.</summary>
public sealed class ConfigException(string message) : Exception(message);

using System.Text;

namespace KmsLint.Analyzers.Benchmarks;

/// <summary>
/// A synthetic service codebase: each file one class with a mix of loops, LINQ, async, string formatting,
/// dictionaries, exceptions and ordinary KMS use (Encrypt/Describe); one method in a hundred destroys a key.
/// Every tenth file is an AWS CDK stack whose methods also build buckets, log groups and keys (buckets and log
/// groups destroyed with the stack, keys retained); there, a key-destroying method deletes a key construct or
/// deploys it disabled.
/// </summary>
internal static class SyntheticCodebase
{
    public const int FileCount = 2_000;
    public const int MethodsPerFile = 10;
    public const int KeyDestroyingCallEvery = 100;
    public const int CdkStackEvery = 10;

    public static IReadOnlyList<(string Path, string Source)> Generate()
    {
        var files = new List<(string, string)>(FileCount);
        var methodNumber = 0;
        for (var file = 0; file < FileCount; file++)
        {
            var isStack = file % CdkStackEvery == 0;
            var source = new StringBuilder();
            source.Append($$"""
                using System;
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;
                using Amazon.KeyManagementService;
                using Amazon.KeyManagementService.Model;
                using Amazon.CDK;
                using Amazon.CDK.AWS.KMS;
                using Amazon.CDK.AWS.Logs;
                using Amazon.CDK.AWS.S3;
                using Constructs;

                namespace Synthetic.Module{{file % 40}};

                public sealed class Service{{file}}{{(isStack ? " : Stack" : "")}}
                {
                    private readonly List<int> _values = new();
                    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
                    private readonly IAmazonKeyManagementService _kms;

                    public Service{{file}}({{(isStack ? "Construct scope, " : "")}}IAmazonKeyManagementService kms){{(isStack ? $" : base(scope, \"Service{file}\")" : "")}} => _kms = kms;

                    public string Name { get; set; } = "service-{{file}}";

                    public int Count => _values.Count;

                """);
            for (var method = 0; method < MethodsPerFile; method++, methodNumber++)
            {
                source.Append('\n').Append(isStack ? StackMethod(methodNumber) : Method(methodNumber));
            }

            source.Append("}\n");
            files.Add(($"/src/Module{file % 40}/Service{file}.cs", source.ToString()));
        }

        return files;
    }

    public static int KeyDestroyingMethodCount => FileCount * MethodsPerFile / KeyDestroyingCallEvery;

    private static string Method(int n)
    {
        if (n % KeyDestroyingCallEvery == 0)
        {
            return (n / KeyDestroyingCallEvery % 3) switch
            {
                0 => $$"""
                        public Task Retire{{n}}Async(string keyId) =>
                            _kms.ScheduleKeyDeletionAsync(new ScheduleKeyDeletionRequest { KeyId = keyId, PendingWindowInDays = 30 });

                    """,
                1 => $$"""
                        public async Task Disable{{n}}Async(string keyId)
                        {
                            await _kms.DisableKeyAsync(keyId);
                        }

                    """,
                _ => $$"""
                        public Task Import{{n}}Async(string keyId, System.IO.MemoryStream material, System.IO.MemoryStream token) =>
                            _kms.ImportKeyMaterialAsync(new ImportKeyMaterialRequest
                            {
                                KeyId = keyId,
                                EncryptedKeyMaterial = material,
                                ImportToken = token,
                                ExpirationModel = ExpirationModelType.KEY_MATERIAL_EXPIRES,
                                ValidTo = DateTime.UtcNow.AddDays(365),
                            });

                    """,
            };
        }

        return (n % 7) switch
        {
            0 => $$"""
                    public int Sum{{n}}(int limit)
                    {
                        var total = 0;
                        for (var i = 0; i < limit; i++)
                        {
                            total += _values.Count > i ? _values[i] : i * {{n % 13}};
                        }

                        return total;
                    }

                """,
            1 => $$"""
                    public IEnumerable<string> Query{{n}}(IEnumerable<string> items) =>
                        items.Where(s => s.Length > {{n % 9}}).Select(s => s.Trim().ToUpperInvariant()).OrderBy(s => s, StringComparer.Ordinal);

                """,
            2 => $$"""
                    public async Task<int> Load{{n}}Async(string key)
                    {
                        await Task.Yield();
                        return _index.TryGetValue(key, out var value) ? value : key.GetHashCode() ^ {{n}};
                    }

                """,
            3 => $$"""
                    public string Format{{n}}(DateTime when, decimal amount) =>
                        $"{Name}:{when:yyyy-MM-dd}:{amount:F2}:{string.Join(",", _values.Take({{n % 5 + 1}}))}";

                """,
            4 => $$"""
                    public void Record{{n}}(string key, int value)
                    {
                        if (string.IsNullOrEmpty(key))
                        {
                            throw new ArgumentException("A key is required.", nameof(key));
                        }

                        _index[key] = value;
                        _values.Add(value);
                    }

                """,
            5 => $$"""
                    public async Task<byte[]> Encrypt{{n}}Async(string keyId, byte[] plaintext)
                    {
                        using var stream = new System.IO.MemoryStream(plaintext);
                        var response = await _kms.EncryptAsync(new EncryptRequest { KeyId = keyId, Plaintext = stream });
                        return response.CiphertextBlob.ToArray();
                    }

                """,
            _ => $$"""
                    public async Task<bool> IsEnabled{{n}}Async(string keyId)
                    {
                        var description = await _kms.DescribeKeyAsync(keyId);
                        return description.KeyMetadata.Enabled == true && _values.Any(v => v % {{n % 11 + 2}} == 0);
                    }

                """,
        };
    }

    /// <summary>The methods of a CDK stack: constructs every third method, ordinary code otherwise.</summary>
    private static string StackMethod(int n)
    {
        if (n % KeyDestroyingCallEvery == 0)
        {
            return n / KeyDestroyingCallEvery % 2 == 0
                ? $$"""
                    public void ScratchKey{{n}}() =>
                        new Key(this, "Scratch{{n}}", new KeyProps { Alias = "alias/scratch-{{n}}", RemovalPolicy = RemovalPolicy.DESTROY });

                """
                : $$"""
                    public void ParkedKey{{n}}()
                    {
                        var props = new KeyProps { Alias = "alias/parked-{{n}}", EnableKeyRotation = true };
                        props.Enabled = false;
                        new Key(this, "Parked{{n}}", props);
                    }

                """;
        }

        return (n % 3) switch
        {
            0 => $$"""
                    public Bucket Resources{{n}}(bool isDev)
                    {
                        var removal = isDev ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
                        var key = new Key(this, "Key{{n}}", new KeyProps { Alias = "alias/data-{{n}}", EnableKeyRotation = true, PendingWindow = Duration.Days(30) });
                        new LogGroup(this, "Logs{{n}}", new LogGroupProps { Retention = RetentionDays.ONE_MONTH, RemovalPolicy = removal });
                        var bucket = new Bucket(this, "Data{{n}}", new BucketProps { EncryptionKey = key, Versioned = true, RemovalPolicy = removal, AutoDeleteObjects = isDev });
                        bucket.ApplyRemovalPolicy(removal);
                        return bucket;
                    }

                """,
            _ => Method(n),
        };
    }
}

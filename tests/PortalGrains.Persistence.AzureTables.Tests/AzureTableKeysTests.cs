using Orleans.Runtime;

namespace PortalGrains.Persistence.AzureTables.Tests;

/// <summary>The key mapping on its own: no forbidden characters, bounded length, no two inputs on one key.</summary>
public sealed class AzureTableKeysTests
{
    private static readonly string[] Inputs =
    [
        "a/b", "a_b", "a\\b", "a#b", "a?b", "a~b", "a~002Fb", "a~007E002Fb", "a%b", "a'b", "a\u0000b", "a\u001Fb", "a\u007Fb", "a\u009Fb",
        "a\uD800b", "a\uDC00b", "😀", "\uD83D", "\uDE00", "a.b", "a~.b", "a~~b", "", "~", "~~", "~.",
        new string('x', 511), new string('x', 512), new string('x', 513), new string('x', 5000), new string('x', 4999) + "y",
        new string('x', 445) + "😀" + new string('x', 100),
    ];

    [Fact]
    public void Escaped_keys_hold_no_character_the_table_service_forbids_and_fit_in_1_KiB()
    {
        foreach (var input in Inputs)
        {
            foreach (var key in new[] { AzureTableKeys.RowKey(input), AzureTableKeys.PartitionKey("svc", GrainId.Create("t", input + "k")) })
            {
                Assert.True(key.Length <= 512, $"'{input}' maps to {key.Length} characters");
                Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
                for (var i = 0; i < key.Length; i++)
                {
                    if (char.IsHighSurrogate(key[i]))
                    {
                        Assert.True(i + 1 < key.Length && char.IsLowSurrogate(key[i + 1]), $"unpaired surrogate in the key of '{input}'");
                        i++;
                    }
                    else
                    {
                        Assert.False(char.IsLowSurrogate(key[i]), $"unpaired surrogate in the key of '{input}'");
                    }
                }
            }
        }
    }

    [Fact]
    public void Different_inputs_never_share_a_key()
    {
        var rowKeys = Inputs.Select(AzureTableKeys.RowKey).ToList();
        Assert.Equal(Inputs.Length, rowKeys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Service_grain_type_and_key_are_kept_apart()
    {
        var keys = new[]
        {
            AzureTableKeys.PartitionKey("svc", GrainId.Create("t", "a~.b")),
            AzureTableKeys.PartitionKey("svc~.t", GrainId.Create("a", "b")),
            AzureTableKeys.PartitionKey("svc", GrainId.Create("t~.a", "b")),
            AzureTableKeys.PartitionKey("svc", GrainId.Create("t", "a/b")),
            AzureTableKeys.PartitionKey("svc/t", GrainId.Create("a", "b")),
        };

        Assert.Equal(keys.Length, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Ordinary_keys_stay_readable()
    {
        Assert.Equal("portal~.developer~.alice", AzureTableKeys.PartitionKey("portal", GrainId.Create("developer", "alice")));
        Assert.Equal("a~002Fb", AzureTableKeys.RowKey("a/b"));
        Assert.Equal("a~007E002Fb", AzureTableKeys.RowKey("a~002Fb"));
    }
}

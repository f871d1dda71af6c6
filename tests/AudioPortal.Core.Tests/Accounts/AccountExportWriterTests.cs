using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AudioPortal.Core.Accounts;

namespace AudioPortal.Core.Tests.Accounts;

public sealed class AccountExportWriterTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 29, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Csv_fields_with_commas_quotes_and_line_breaks_are_quoted_and_read_back_intact()
    {
        var tables = new[] { Table("jobs", ["id", "note", "size", "at", "gone"], ["job_1", "a, \"quoted\"\r\nline", 1.5, At, null]) };
        using var output = new MemoryStream();

        await AccountExportWriter.WriteAsync(output, ExportFormats.Csv, new ExportHeader("exp_1", At), tables, CancellationToken.None);

        using var zip = new ZipArchive(new MemoryStream(output.ToArray()), ZipArchiveMode.Read);
        var text = new StreamReader(Assert.Single(zip.Entries).Open()).ReadToEnd();
        Assert.Equal("id,note,size,at,gone\r\njob_1,\"a, \"\"quoted\"\"\r\nline\",1.5,2026-03-29T10:00:00Z,\r\n", text);
    }

    [Fact]
    public async Task Json_writes_single_tables_as_objects_lists_as_arrays_and_an_empty_single_as_null()
    {
        var tables = new[]
        {
            Table("account", ["id", "webhooksEnabled"], ["usr_1", true]) with { Single = true },
            Table("plan", ["id"]) with { Single = true },
            Table("apiKeys", ["id", "usageCount", "revokedAt"], ["key_1", 3L, null], ["key_2", 0L, At]),
        };
        using var output = new MemoryStream();

        await AccountExportWriter.WriteAsync(output, ExportFormats.Json, new ExportHeader("exp_1", At), tables, CancellationToken.None);

        var root = JsonDocument.Parse(output.ToArray()).RootElement;
        Assert.Equal("exp_1", root.GetProperty("exportId").GetString());
        Assert.Equal("2026-03-29T10:00:00Z", root.GetProperty("generatedAt").GetString());
        Assert.True(root.GetProperty("account").GetProperty("webhooksEnabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("plan").ValueKind);
        var keys = root.GetProperty("apiKeys");
        Assert.Equal(2, keys.GetArrayLength());
        Assert.Equal(3, keys[0].GetProperty("usageCount").GetInt64());
        Assert.Equal(JsonValueKind.Null, keys[0].GetProperty("revokedAt").ValueKind);
        Assert.Equal("2026-03-29T10:00:00Z", keys[1].GetProperty("revokedAt").GetString());
    }

    private static ExportTable Table(string name, string[] columns, params object?[][] rows) => new(name, columns, Rows(rows));

    private static async IAsyncEnumerable<object?[]> Rows(object?[][] rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }
}

using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace AudioPortal.Core.Accounts;

/// <summary>
/// Writes export tables to a stream as they are read: <c>json</c> is one document (single tables as objects, the
/// rest as arrays of objects), <c>csv</c> a ZIP with one RFC 4180 file per table (header row, UTF-8). Nothing is
/// buffered beyond a small write buffer, so an account of any size streams straight through.
/// </summary>
public static class AccountExportWriter
{
    private const int FlushThreshold = 32 * 1024;

    public static Task WriteAsync(Stream output, string format, ExportHeader header, IReadOnlyList<ExportTable> tables, CancellationToken cancellationToken) =>
        format == ExportFormats.Csv ? WriteZipAsync(output, header, tables, cancellationToken) : WriteJsonAsync(output, header, tables, cancellationToken);

    private static async Task WriteJsonAsync(Stream output, ExportHeader header, IReadOnlyList<ExportTable> tables, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("exportId", header.ExportId);
        json.WriteString("format", ExportFormats.Json);
        json.WriteString("generatedAt", Timestamp(header.GeneratedAt));
        foreach (var table in tables)
        {
            json.WritePropertyName(table.Name);
            if (!table.Single)
            {
                json.WriteStartArray();
            }

            var any = false;
            await foreach (var row in table.Rows.WithCancellation(cancellationToken))
            {
                any = true;
                json.WriteStartObject();
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    json.WritePropertyName(table.Columns[i]);
                    WriteValue(json, row[i]);
                }

                json.WriteEndObject();
                if (json.BytesPending > FlushThreshold)
                {
                    await json.FlushAsync(cancellationToken);
                }

                if (table.Single)
                {
                    break;
                }
            }

            if (table.Single && !any)
            {
                json.WriteNullValue();
            }
            else if (!table.Single)
            {
                json.WriteEndArray();
            }
        }

        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static async Task WriteZipAsync(Stream output, ExportHeader header, IReadOnlyList<ExportTable> tables, CancellationToken cancellationToken)
    {
        // The async API, so a full pipe parks this writer instead of blocking a pool thread the store's reader needs.
        await using var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        foreach (var table in tables)
        {
            var entry = zip.CreateEntry(table.Name + ".csv", CompressionLevel.Fastest);
            entry.LastWriteTime = header.GeneratedAt;
            await using var stream = await entry.OpenAsync(cancellationToken);
            await using var csv = new StreamWriter(stream, utf8, bufferSize: 16 * 1024) { NewLine = "\r\n" };
            await csv.WriteLineAsync(string.Join(',', table.Columns.Select(Field)));
            await foreach (var row in table.Rows.WithCancellation(cancellationToken))
            {
                await csv.WriteLineAsync(string.Join(',', row.Select(v => Field(Text(v)))));
            }
        }
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case double d:
                json.WriteNumberValue(d);
                break;
            case DateTimeOffset t:
                json.WriteStringValue(Timestamp(t));
                break;
            default:
                json.WriteStringValue(Text(value));
                break;
        }
    }

    /// <summary>A cell as text: invariant numbers, <c>true</c>/<c>false</c>, timestamps as the API writes them, empty for null.</summary>
    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        DateTimeOffset t => Timestamp(t),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>RFC 4180: quote a field holding a comma, quote or line break, doubling its quotes.</summary>
    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>What the export document says about itself.</summary>
public sealed record ExportHeader(string ExportId, DateTimeOffset GeneratedAt);

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AudioPortal.Core;

/// <summary>
/// The JSON conventions of everything AudioPortal sends outward (API responses, webhook bodies, export
/// notifications): camelCase, enums as camelCase strings, timestamps as <c>2026-03-29T10:00:00Z</c>, numbers as
/// numbers only, and <c>null</c> members left out (a client reads a missing member and a null one the same way).
/// </summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Create();

    /// <summary>Applies the conventions to options the host owns (MVC's, minimal APIs', the OpenAPI generator's).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        // Web defaults also accept "12" for 12, which would document every integer as ["integer","string"].
        options.NumberHandling = JsonNumberHandling.Strict;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new UtcTimestampConverter());
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Writes UTC with a <c>Z</c> and whole seconds (as the contract shows); reads any ISO-8601 form.</summary>
    public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }
}

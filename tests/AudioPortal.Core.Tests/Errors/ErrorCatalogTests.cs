using AudioPortal.Audio;
using AudioPortal.Core.Errors;

namespace AudioPortal.Core.Tests.Errors;

public class ErrorCatalogTests
{
    /// <summary>The contract's table (shared/spec/API.md §1): code → the statuses it may have.</summary>
    private static readonly Dictionary<string, int[]> SpecStatuses = new()
    {
        ["UNAUTHORIZED"] = [401], ["TOKEN_EXPIRED"] = [401], ["KEY_REVOKED"] = [401], ["INSUFFICIENT_SCOPE"] = [403],
        ["INVALID_PARAMS"] = [400, 422], ["INVALID_FORMAT"] = [422], ["INVALID_URL"] = [422],
        ["DURATION_TOO_SHORT"] = [422], ["DURATION_TOO_LONG"] = [422],
        ["JOB_NOT_FOUND"] = [404], ["JOB_ALREADY_PROCESSING"] = [409], ["JOB_FAILED"] = [409], ["DOWNLOAD_EXPIRED"] = [410],
        ["QUOTA_EXCEEDED"] = [402], ["PAYMENT_REQUIRED"] = [402], ["PLAN_NOT_FOUND"] = [404], ["ALREADY_SUBSCRIBED"] = [409],
        ["FILE_TOO_LARGE"] = [413], ["UNSUPPORTED_FORMAT"] = [422], ["CORRUPT_FILE"] = [422], ["DOWNLOAD_FAILED"] = [422],
        ["RATE_LIMITED"] = [429], ["NOT_FOUND"] = [404], ["METHOD_NOT_ALLOWED"] = [405], ["ACTIVE_SUBSCRIPTION"] = [409],
        ["IDEMPOTENCY_CONFLICT"] = [409], ["INTERNAL_ERROR"] = [500], ["SERVICE_UNAVAILABLE"] = [503],

        // Job errors added by the hardening issue (#14, item 5): a job's deadline and its attempt cap.
        ["PROCESSING_TIMEOUT"] = [422],
        ["ATTEMPTS_EXHAUSTED"] = [500],
        // Added by the hardening issue (per-plan storage cap); the contract's table gains the same row.
        ["STORAGE_LIMIT_EXCEEDED"] = [402],
        // Added by the API-contract issue (#15, item 3): a finished job cannot be changed; the API-key cap.
        ["JOB_ALREADY_FINISHED"] = [409],
        ["API_KEY_LIMIT_REACHED"] = [402],
    };

    public static TheoryData<string, int> CatalogEntries()
    {
        var data = new TheoryData<string, int>();
        foreach (var entry in ErrorCatalog.All)
        {
            data.Add(entry.Code, entry.Status);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CatalogEntries))]
    public void Each_catalog_entry_has_the_status_the_spec_names(string code, int status)
    {
        Assert.True(SpecStatuses.TryGetValue(code, out var allowed), $"{code} is not in the spec's table");
        Assert.Contains(status, allowed);
    }

    [Fact]
    public void Every_code_and_status_of_the_spec_is_in_the_catalog()
    {
        var catalog = ErrorCatalog.All.Select(e => (e.Code, e.Status)).ToHashSet();
        var missing = SpecStatuses.SelectMany(s => s.Value.Select(status => (s.Key, status))).Where(p => !catalog.Contains(p)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Codes_are_upper_snake_case_and_each_code_status_pair_is_listed_once()
    {
        Assert.All(ErrorCatalog.All, e => Assert.Matches("^[A-Z]+(_[A-Z]+)*$", e.Code));
        Assert.Equal(ErrorCatalog.All.Count, ErrorCatalog.All.Select(e => (e.Code, e.Status)).Distinct().Count());
    }

    [Fact]
    public void Every_entry_has_a_message_a_user_can_read()
    {
        Assert.All(ErrorCatalog.All, e => Assert.True(e.Message.Length > 10 && e.Message.EndsWith('.'), e.Code));
    }

    [Fact]
    public void Every_code_the_audio_engine_can_fail_with_is_in_the_catalog()
    {
        Assert.All(AudioErrorCodes.All, code => Assert.NotNull(ErrorCatalog.Find(code)));
    }

    [Fact]
    public void An_unknown_stored_code_becomes_an_internal_error_instead_of_throwing()
    {
        var error = AppError.FromCode("NO_SUCH_CODE", "text");
        Assert.Equal("INTERNAL_ERROR", error.Code);
        Assert.Equal(500, error.Status);
    }

    [Fact]
    public void A_validation_error_lists_every_failing_field()
    {
        var error = AppError.Validation([new FieldError("segmentDuration", "Must be a positive integer"), new FieldError("outputFormat", "Must be one of: mp3")]);
        Assert.Equal(422, error.Status);
        var fields = Assert.IsType<FieldError[]>(error.Details!["fields"]);
        Assert.Equal(["segmentDuration", "outputFormat"], fields.Select(f => f.Field));
    }
}

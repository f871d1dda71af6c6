namespace AudioPortal.Core.Errors;

/// <summary>
/// The single source of every error code AudioPortal can answer with. The API's error envelope, the
/// portal's toasts and the README's error table are all produced from this list; nothing else may invent
/// a code. Codes and statuses follow the public contract (shared/spec/API.md, section 1).
/// </summary>
public static class ErrorCatalog
{
    private const string Auth = "Authentication";
    private const string Validation = "Validation";
    private const string Job = "Job";
    private const string Billing = "Billing";
    private const string File = "File";
    private const string Platform = "Platform";

    public static readonly ErrorDefinition Unauthorized = new("UNAUTHORIZED", 401, "Missing or invalid API key or access token.", Auth, ErrorSeverity.Warning);
    public static readonly ErrorDefinition TokenExpired = new("TOKEN_EXPIRED", 401, "The access token has expired; refresh it or sign in again.", Auth, ErrorSeverity.Warning);
    public static readonly ErrorDefinition KeyRevoked = new("KEY_REVOKED", 401, "This API key has been revoked.", Auth, ErrorSeverity.Warning);
    public static readonly ErrorDefinition InsufficientScope = new("INSUFFICIENT_SCOPE", 403, "These credentials do not have the permission this request needs.", Auth, ErrorSeverity.Warning);

    public static readonly ErrorDefinition InvalidParams = new("INVALID_PARAMS", 400, "The request could not be read: send a JSON body with the required fields.", Validation, ErrorSeverity.Warning);
    public static readonly ErrorDefinition InvalidFields = new("INVALID_PARAMS", 422, "Validation failed.", Validation, ErrorSeverity.Warning);
    public static readonly ErrorDefinition InvalidFormat = new("INVALID_FORMAT", 422, "Output format must be one of: mp3, wav, flac, ogg, aac.", Validation, ErrorSeverity.Warning);
    public static readonly ErrorDefinition InvalidUrl = new("INVALID_URL", 422, "The URL is not a reachable public http(s) address.", Validation, ErrorSeverity.Warning);
    public static readonly ErrorDefinition DurationTooShort = new("DURATION_TOO_SHORT", 422, "Segment duration must be at least 1 second.", Validation, ErrorSeverity.Warning);
    public static readonly ErrorDefinition DurationTooLong = new("DURATION_TOO_LONG", 422, "Segment duration is longer than the source audio.", Validation, ErrorSeverity.Warning);

    public static readonly ErrorDefinition JobNotFound = new("JOB_NOT_FOUND", 404, "No such split job.", Job, ErrorSeverity.Warning);
    public static readonly ErrorDefinition JobAlreadyProcessing = new("JOB_ALREADY_PROCESSING", 409, "The job is processing and cannot be changed now.", Job, ErrorSeverity.Warning);
    public static readonly ErrorDefinition JobAlreadyFinished = new("JOB_ALREADY_FINISHED", 409, "The job has completed or failed and can no longer be changed; create a new job instead.", Job, ErrorSeverity.Warning);
    public static readonly ErrorDefinition JobFailed = new("JOB_FAILED", 409, "The job failed, so it has no files to download.", Job, ErrorSeverity.Error);
    public static readonly ErrorDefinition DownloadExpired = new("DOWNLOAD_EXPIRED", 410, "This download link has expired; fetch the job again for a fresh one.", Job, ErrorSeverity.Warning);
    public static readonly ErrorDefinition ProcessingTimeout = new("PROCESSING_TIMEOUT", 422, "The job took longer than this server allows for audio of its length and was stopped.", Job, ErrorSeverity.Error);
    public static readonly ErrorDefinition AttemptsExhausted = new("ATTEMPTS_EXHAUSTED", 500, "The job was tried the maximum number of times without finishing and was given up.", Job, ErrorSeverity.Error);

    public static readonly ErrorDefinition QuotaExceeded = new("QUOTA_EXCEEDED", 402, "This month's included minutes are used up and the plan has no overage.", Billing, ErrorSeverity.Warning);
    public static readonly ErrorDefinition PaymentRequired = new("PAYMENT_REQUIRED", 402, "The account has an unpaid invoice or no payment method.", Billing, ErrorSeverity.Warning);
    public static readonly ErrorDefinition PlanNotFound = new("PLAN_NOT_FOUND", 404, "No such plan.", Billing, ErrorSeverity.Warning);
    public static readonly ErrorDefinition AlreadySubscribed = new("ALREADY_SUBSCRIBED", 409, "A paid subscription is already active; change plan instead.", Billing, ErrorSeverity.Info);
    public static readonly ErrorDefinition ActiveSubscription = new("ACTIVE_SUBSCRIPTION", 409, "Cancel the active paid subscription before deleting the account.", Billing, ErrorSeverity.Warning);
    public static readonly ErrorDefinition ApiKeyLimitReached = new("API_KEY_LIMIT_REACHED", 402, "The plan's number of active API keys is reached; revoke a key or upgrade the plan.", Billing, ErrorSeverity.Warning);
    public static readonly ErrorDefinition StorageLimitExceeded = new("STORAGE_LIMIT_EXCEEDED", 402, "The account's stored files have reached the plan's storage limit; delete old jobs or upgrade.", Billing, ErrorSeverity.Warning);

    public static readonly ErrorDefinition FileTooLarge = new("FILE_TOO_LARGE", 413, "The file is larger than the plan's maximum file size.", File, ErrorSeverity.Warning);
    public static readonly ErrorDefinition UnsupportedFormat = new("UNSUPPORTED_FORMAT", 422, "The file is not a supported audio format (WAV, MP3, FLAC, Ogg, AAC, M4A).", File, ErrorSeverity.Warning);
    public static readonly ErrorDefinition CorruptFile = new("CORRUPT_FILE", 422, "The audio file could not be decoded.", File, ErrorSeverity.Error);
    public static readonly ErrorDefinition DownloadFailed = new("DOWNLOAD_FAILED", 422, "The source URL could not be downloaded.", File, ErrorSeverity.Error);

    public static readonly ErrorDefinition RateLimited = new("RATE_LIMITED", 429, "Too many requests; slow down and retry after the given number of seconds.", Platform, ErrorSeverity.Warning);
    public static readonly ErrorDefinition NotFound = new("NOT_FOUND", 404, "The resource does not exist.", Platform, ErrorSeverity.Warning);
    public static readonly ErrorDefinition MethodNotAllowed = new("METHOD_NOT_ALLOWED", 405, "This method is not allowed on this resource.", Platform, ErrorSeverity.Warning);
    public static readonly ErrorDefinition IdempotencyConflict = new("IDEMPOTENCY_CONFLICT", 409, "This Idempotency-Key was already used with a different request body.", Platform, ErrorSeverity.Warning);
    public static readonly ErrorDefinition InternalError = new("INTERNAL_ERROR", 500, "Something went wrong on our side; it has been logged.", Platform, ErrorSeverity.Error);
    public static readonly ErrorDefinition ServiceUnavailable = new("SERVICE_UNAVAILABLE", 503, "A service this request needs is unavailable; try again later.", Platform, ErrorSeverity.Error);

    /// <summary>Every entry, in the order the README lists them.</summary>
    public static IReadOnlyList<ErrorDefinition> All { get; } =
    [
        Unauthorized, TokenExpired, KeyRevoked, InsufficientScope,
        InvalidParams, InvalidFields, InvalidFormat, InvalidUrl, DurationTooShort, DurationTooLong,
        JobNotFound, JobAlreadyProcessing, JobAlreadyFinished, JobFailed, DownloadExpired, ProcessingTimeout, AttemptsExhausted,
        QuotaExceeded, PaymentRequired, PlanNotFound, AlreadySubscribed, ActiveSubscription, ApiKeyLimitReached, StorageLimitExceeded,
        FileTooLarge, UnsupportedFormat, CorruptFile, DownloadFailed,
        RateLimited, NotFound, MethodNotAllowed, IdempotencyConflict, InternalError, ServiceUnavailable,
    ];

    /// <summary>
    /// The entry for a code (the first, for INVALID_PARAMS, which has a 400 and a 422 row).
    /// Used where a code crosses a boundary as text, such as a failed job's stored error or the audio engine's failures.
    /// </summary>
    public static ErrorDefinition? Find(string code) => All.FirstOrDefault(e => e.Code == code);
}

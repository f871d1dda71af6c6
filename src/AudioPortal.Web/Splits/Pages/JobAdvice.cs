namespace AudioPortal.Web.Splits.Pages;

/// <summary>What a user can do about a failed job, by its catalog code (the message says what happened).</summary>
public static class JobAdvice
{
    public static string For(string code) => code switch
    {
        "CORRUPT_FILE" => "Re-export the recording from your editor (or convert it with another tool) and upload it again.",
        "UNSUPPORTED_FORMAT" => "Convert the file to WAV, MP3, FLAC, Ogg, AAC or M4A and upload it again.",
        "DOWNLOAD_FAILED" => "Check that the URL opens in a browser without signing in, then retry.",
        "INVALID_URL" => "Use a public http(s) address.",
        "DURATION_TOO_LONG" => "Choose a segment length shorter than the recording and start a new split.",
        "QUOTA_EXCEEDED" => "This period's minutes are used up: upgrade your plan on the Billing page, or wait for the next period.",
        "PAYMENT_REQUIRED" => "Pay the open invoice on the Billing page, then retry.",
        "FILE_TOO_LARGE" => "Split the file into smaller pieces first, or upgrade to a plan with a larger file limit.",
        "SERVICE_UNAVAILABLE" => "A part of the service was unavailable; retry in a few minutes.",
        _ => "Retry the job; if it fails again, contact support with the job id.",
    };
}

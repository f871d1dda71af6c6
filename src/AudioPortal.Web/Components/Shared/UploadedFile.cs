namespace AudioPortal.Web.Components.Shared;

/// <summary>A file the browser streamed to <c>/portal/uploads</c>: the id to claim it by, its name and size.</summary>
public sealed record UploadedFile(string UploadId, string FileName, long Size);

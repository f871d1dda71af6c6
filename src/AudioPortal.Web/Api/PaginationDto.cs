namespace AudioPortal.Web.Api;

/// <summary>The <c>pagination</c> object of every list page (API.md §3, §7).</summary>
public sealed record PaginationDto(int Page, int Limit, int Total, int TotalPages);

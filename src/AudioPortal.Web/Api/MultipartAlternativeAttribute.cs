namespace AudioPortal.Web.Api;

/// <summary>
/// The operation also accepts <c>multipart/form-data</c> shaped as <see cref="FormType"/> (served by a sibling
/// action that streams the upload and binds nothing): the document lists both bodies on one operation.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MultipartAlternativeAttribute(Type formType) : Attribute
{
    public Type FormType { get; } = formType;
}

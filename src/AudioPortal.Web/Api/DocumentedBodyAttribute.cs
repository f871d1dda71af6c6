namespace AudioPortal.Web.Api;

/// <summary>
/// The JSON body an action reads by hand (so it binds no type the document could see): the document shows
/// <see cref="BodyType"/> as the operation's <c>application/json</c> request body.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DocumentedBodyAttribute(Type bodyType) : Attribute
{
    public Type BodyType { get; } = bodyType;
}

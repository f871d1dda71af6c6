using System.ComponentModel.DataAnnotations;
using AudioPortal.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AudioPortal.Web.Hosting;

/// <summary>
/// The one way a configuration section becomes options: bound once, validated by its data annotations (and
/// <see cref="IValidatableObject"/>) when the host starts, and offered both as <see cref="IOptions{T}"/> and as the
/// plain object. A bad value stops start-up with a message that names the key (<c>Splits:Workers</c>).
/// </summary>
public static class SectionOptions
{
    public static OptionsBuilder<T> AddSectionOptions<T>(this IServiceCollection services, string section)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(section));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        return services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>
    /// A section the wiring needs before the container exists (which folder, which payment provider), validated the
    /// same way at once; the running app still reads it through <see cref="AddSectionOptions{T}"/>.
    /// </summary>
    public static T ReadSection<T>(this IConfiguration configuration, string section)
        where T : class, new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        var result = new SectionValidator<T>(section).Validate(Options.DefaultName, options);
        return result.Failed ? throw new OptionsValidationException(section, typeof(T), result.Failures) : options;
    }
}

using System.Text;
using AudioPortal.Core.Errors;

namespace AudioPortal.Web.Splits;

/// <summary>
/// What the text fields of one multipart form may take together: so many fields and so many bytes. A field is read only
/// up to what is left, so a form of a thousand 64 KB fields is refused after a few KB instead of held in memory.
/// </summary>
public sealed class FormFieldBudget(int maxFields, int maxBytes)
{
    private readonly int _maxBytes = maxBytes;
    private int _fields;
    private int _bytesLeft = maxBytes;

    public async Task<Result<string>> ReadAsync(Stream section, CancellationToken cancellationToken)
    {
        if (++_fields > maxFields)
        {
            return ErrorCatalog.InvalidParams.WithDetails(new Dictionary<string, object?> { ["maxFields"] = maxFields },
                $"The form has more than {maxFields} fields.");
        }

        // One byte more than is left tells "exactly at the budget" from "over it".
        var buffer = new byte[Math.Min(_bytesLeft + 1, 16 * 1024)];
        using var text = new MemoryStream();
        int read;
        while ((read = await section.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, _bytesLeft + 1)), cancellationToken)) > 0)
        {
            if (read > _bytesLeft)
            {
                return ErrorCatalog.InvalidParams.WithDetails(new Dictionary<string, object?> { ["maxFieldBytes"] = _maxBytes },
                    $"The form's text fields are larger than {_maxBytes} bytes together.");
            }

            _bytesLeft -= read;
            text.Write(buffer, 0, read);
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(text.GetBuffer(), 0, (int)text.Length);
        }
        catch (DecoderFallbackException)
        {
            return ErrorCatalog.InvalidParams.WithMessage("A form field is not valid UTF-8 text.");
        }
    }
}

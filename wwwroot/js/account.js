// The account page's browser helper, loaded as an ES module on demand.

// Posts a form the page rendered (the sign-out form after the account is deleted), so the cookie is cleared by a real response.
export function submitForm(form) {
    form.requestSubmit ? form.requestSubmit() : form.submit();
}

{{EXAMPLE}}

// ---- checks (tsc checks the types; the values document the expected mapping) ----
const ok: FieldErrors<SignupInput> = validateSignup({
  email: "ada@example.com", displayName: "Ada", password: "correct horse battery",
});
const bad = validateSignup({ email: "ada@", displayName: " A ", password: "short" });
const mapped = fieldErrorsFrom<SignupInput>(
  {
    type: "https://example.com/problems/validation",
    title: "Your request has invalid fields.",
    status: 422,
    errors: [
      { pointer: "#/email", detail: "This email is already registered." },
      { pointer: "/captcha", detail: "Please complete the check." },
    ],
  },
  ["email", "displayName", "password"] as const,
);
const emailMessage: string | undefined = mapped.byField.email;
const others: string[] = mapped.other;
// @ts-expect-error a field that is not part of the form cannot be read
mapped.byField.captcha;
export { ok, bad, emailMessage, others };

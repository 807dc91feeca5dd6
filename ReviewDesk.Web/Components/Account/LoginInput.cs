using System.ComponentModel.DataAnnotations;

namespace ReviewDesk.Web.Components.Account;

/// <summary>The login form's fields.</summary>
public sealed class LoginInput
{
    [Required(ErrorMessage = "Enter your email.")]
    [MaxLength(256)]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [MaxLength(256)]
    public string Password { get; set; } = "";
}

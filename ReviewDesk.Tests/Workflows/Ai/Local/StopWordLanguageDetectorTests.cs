using ReviewDesk.Workflows.Ai.Local;

namespace ReviewDesk.Tests.Workflows.Ai.Local;

public sealed class StopWordLanguageDetectorTests
{
    [Theory]
    [InlineData("en", "My order has not arrived yet, can you please check where it is?")]
    [InlineData("de", "Meine Bestellung ist noch nicht angekommen, können Sie bitte nachsehen, wo sie ist?")]
    [InlineData("fr", "Ma commande n'est toujours pas arrivée, pouvez-vous vérifier où elle se trouve ?")]
    [InlineData("es", "Mi pedido todavía no ha llegado, ¿pueden revisar dónde está por favor?")]
    [InlineData("nl", "Mijn bestelling is nog niet aangekomen, kunnen jullie kijken waar die is?")]
    [InlineData("it", "Il mio ordine non è ancora arrivato, potete controllare dove si trova?")]
    [InlineData("pt", "O meu pedido ainda não chegou, podem verificar onde está?")]
    [InlineData("de", "Passwort vergessen. Ich kann mich nicht anmelden und die E-Mail kommt nicht an.")]
    [InlineData("en", "Invoice <INVOICE_1> is wrong, it lists <PERSON_1> instead of our company.")]
    public void Detect_SampleSentence_ReturnsItsLanguage(string expected, string text)
    {
        Assert.Equal(expected, StopWordLanguageDetector.Detect(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("<EMAIL_ADDRESS_1> <PHONE_NUMBER_1>")]
    [InlineData("Rechnung")]
    [InlineData("500 502 503")]
    public void Detect_NoEvidence_ReturnsEnglish(string? text)
    {
        Assert.Equal("en", StopWordLanguageDetector.Detect(text));
    }
}

using PhoneNumbers;
using ReviewDesk.Workflows.Ai.Local;
using ReviewDesk.Workflows.Pii;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Workflows.Pii;

public sealed class PhoneNumberRecognizerTests
{
    [Theory]
    [InlineData("Call (415) 555-0132 please", "(415) 555-0132")]
    [InlineData("Mobile: +49 151 23456789", "+49 151 23456789")]
    [InlineData("Tel 030 12345678", "030 12345678")]
    [InlineData("Appelez le 06 12 34 56 78", "06 12 34 56 78")]
    [InlineData("Bel 06-12345678", "06-12345678")]
    [InlineData("UK +44 20 7946 0958", "+44 20 7946 0958")]
    [InlineData("Ring me on 07700 900123", "07700 900123")]
    [InlineData("Japan 03-1234-5678", "03-1234-5678")]
    // The digits of one number across runs the digit scan splits (an en dash): a region's matcher still sees them
    // together, because what it may skip is a window with fewer digits in all than any valid number of that region.
    [InlineData("Call (415) 555\u20130132 please", "(415) 555\u20130132")]
    public void Analyze_PhoneNumber_FindsIt(string text, string expected) =>
        RecognizerAssert.Finds(PiiTypes.PhoneNumber, text, expected);

    [Theory]
    [InlineData("Order 4829301746 arrived damaged")]
    [InlineData("Order #100483921 arrived damaged")]
    [InlineData("Tracking 1Z999AA10123456784")]
    [InlineData("Invoice INV-2024-00017 is wrong")]
    [InlineData("We are on version 1.2.3.4 now")]
    [InlineData("Chrome 122.0.6261.94 on macOS")]
    [InlineData("2024-03-15 10:22:31,456 ERROR Renderer crashed")]
    [InlineData("It costs $1,299.00 or €1.249,00")]
    [InlineData("Card 4111 1111 1111 1112 was declined")]
    [InlineData("Paid with the card ending 4242")]
    [InlineData("Delivered on 12/03/2024, expected 15.04.2024")]
    [InlineData("Customer number 5512398, contract 2022-778")]
    [InlineData("Live 1796228277240-10 account hacked")]
    [InlineData("Order 20241203123456-01 still not shipped")]
    [InlineData("See case 4829301746-03 in the portal")]
    [InlineData("The export stamped 1733221234567-2 on every row")]
    [InlineData("Reference 412345678/12 attached")]
    public void Analyze_HardNegative_FindsNoPhoneNumber(string text) =>
        RecognizerAssert.FindsNothing(PiiTypes.PhoneNumber, text);

    [Fact]
    public void Analyze_BareDigitRunWithoutPhoneWord_IsBelowThreshold()
    {
        // Arrange
        const string withoutContext = "Reference 13812345678 attached";
        const string withContext = "My CN number is 13812345678";

        // Act
        var without = RecognizerAssert.Analyze(PiiTypes.PhoneNumber, withoutContext);
        var with = RecognizerAssert.Analyze(PiiTypes.PhoneNumber, withContext);

        // Assert
        Assert.Empty(without);
        Assert.Single(with);
    }

    [Fact]
    public void Constructor_CustomRegions_AreTriedForNationalNumbers()
    {
        // Arrange
        var usOnly = new PhoneNumberRecognizer(["US"]);

        // Act
        var found = usOnly.Recognize("Ruf an: 030 12345678 or (415) 555-0132");

        // Assert
        Assert.Equal(["(415) 555-0132"], found.Select(e => e.Text));
    }

    // Numbers in international format in the layouts that decide whether the matcher's candidate is the match itself.
    private static readonly string[] InternationalLayouts =
    [
        "Call (+44 20 7946 0890) now", "+ (+44 20 7946 0123) x", "+44 20 7946 0123 # here", "+44 20 7946 0123#",
        "+0049 30 12345678", "+44 20 7946 0123 / x5", "+1 415 555 0132 or 030 1234567", "(+44 20 7946 0123",
        "((+44 20 7946 0123", "+49 30 1234567 ext. 12", "+49 30 1234567 x12", "+44 20 7946 0123, +1 415 555 0132",
        "+44 (0) 20 7946 0123", "+44(0)2079460123", "+44 20 7946 0123/+44 20 7946 0124", "tel:+44 20 7946 0123",
        "+33 1 23 45 67 89", "+49 151 23456789 and +49-30-1234567", "+1 (415) 555-0132", "+1.415.555.0132",
        "x+44 20 7946 0123", "+44 20 7946 012", "+44 20 7946 01234567", "Ruf +49 30 1234567 oder 030 7654321 an",
        "+999 123 456 789", "+0 20 7946 0123", "++44 20 7946 0123", "+44 20 7946 0123 \\ x 12", "+٤٤ ٢٠ ٧٩٤٦ ٠١٢٣ (+44 20 7946 0123)",
    ];

    /// <summary>Every text the repository holds with a digit in it: Presidio's vectors, the eval set, the demo and training tickets.</summary>
    private static IEnumerable<string> TextsWithDigits() =>
        PresidioVector.LoadAll().Select(v => v.Text)
            .Concat(EvalSample.LoadAll().Select(s => s.Text))
            .Concat(DemoTickets.Load().SelectMany(t => new[] { t.Subject ?? "", t.Body ?? "" }))
            .Concat(TrainingTicketSet.LoadEmbedded().Tickets.SelectMany(t => new[] { t.Subject, t.Body }))
            .Concat(InternationalLayouts)
            .Where(t => t.Any(char.IsAsciiDigit));

    [Fact]
    public void InternationalOnly_Window_EveryRegionsMatcherFindsTheSameNumbers()
    {
        // Arrange: the default regions, some with other international and national prefixes, and one libphonenumber does not know.
        var util = PhoneNumberUtil.GetInstance();
        string[] regions = [.. PhoneNumberRecognizer.DefaultRegions, "RU", "KZ", "AR", "SG", "NZ", "ZA", "KR", "SE", "XX"];
        var windows = TextsWithDigits().SelectMany(PhoneNumberRecognizer.Windows).Select(w => w.Text).Where(w => w.Contains('+')).Distinct().ToList();
        var shared = 0;

        foreach (var window in windows)
        {
            // Act
            var matches = PhoneNumberRecognizer.InternationalOnly(window);
            if (matches is null) continue;
            shared++;

            // Assert: the plain matcher of each region, as the recognizer ran it for every region before.
            var expected = matches.Select(m => (m.Start, m.RawString)).ToList();
            foreach (var region in regions)
            {
                var actual = util.FindNumbers(window, region, PhoneNumberUtil.Leniency.VALID, long.MaxValue).Select(m => (m.Start, m.RawString)).ToList();
                Assert.True(expected.SequenceEqual(actual), $"{region} in \"{window}\": expected {string.Join(", ", expected)}, found {string.Join(", ", actual)}");
            }
        }

        Assert.True(shared >= 30, $"only {shared} of {windows.Count} windows with a plus sign were shared; the comparison proves little");
    }

    [Fact]
    public void Recognize_SharedInternationalWindows_FindsWhatThePerRegionMatcherFinds()
    {
        // Arrange
        var recognizer = new PhoneNumberRecognizer();
        var reference = new PhoneNumberRecognizer { ShareInternationalWindows = false };

        foreach (var text in TextsWithDigits())
        {
            // Act
            var found = recognizer.Recognize(text);
            var expected = reference.Recognize(text);

            // Assert
            Assert.Equal(expected, found);
        }
    }
}

using ReviewDesk.Workflows.Pii;

namespace ReviewDesk.Tests.Workflows.Pii;

public sealed class DateOfBirthRecognizerTests
{
    [Theory]
    [InlineData("DOB 1988-11-23.", "1988-11-23")]
    [InlineData("D.O.B.: 02/14/1991", "02/14/1991")]
    [InlineData("born on 12 July 1992, so", "12 July 1992")]
    [InlineData("Geboren am 3. April 1987 in Graz", "3. April 1987")]
    [InlineData("Je suis né le 8 février 1975.", "8 février 1975")]
    [InlineData("Nació el 25 de diciembre de 1990", "25 de diciembre de 1990")]
    [InlineData("Geboortedatum 30-06-1995 klopt niet", "30-06-1995")]
    [InlineData("It should be 04/17/1986 (DOB)", "04/17/1986")]
    public void Analyze_BirthDate_FindsIt(string text, string expected) =>
        RecognizerAssert.Finds(PiiTypes.DateOfBirth, text, expected);

    [Theory]
    [InlineData("Delivered on 12/03/2024 between 10 and 12.")]
    [InlineData("The meeting is on June 5, 2024 at 10:00.")]
    [InlineData("Log: 2024-03-15 10:22:31 ERROR")]
    [InlineData("Card expires 04/27.")]
    [InlineData("Start date 2024-04-01, date of birth not given")]
    [InlineData("Member since 2019-01-12, birthday discount pending")]
    [InlineData("My mother was born in December.")]
    public void Analyze_NotABirthDate_FindsNothing(string text) =>
        RecognizerAssert.FindsNothing(PiiTypes.DateOfBirth, text);

    // One text per alternative of the birth phrases before and after a date: each must pass the quick test.
    [Theory]
    [InlineData("DOB 1988-11-23")]
    [InlineData("d. o. b. 02/14/1991")]
    [InlineData("DATE\tOF  BIRTH 02/14/1991")]
    [InlineData("Birthdate 02/14/1991")]
    [InlineData("I was BORN 02/14/1991")]
    [InlineData("Geburtstag 14.02.1991")]
    [InlineData("Geburtsdatum 14.02.1991")]
    [InlineData("Geboren 14.02.1991")]
    [InlineData("geb. 14.02.1991")]
    [InlineData("NÉE le 14/02/1991")]
    [InlineData("date de naissance 14/02/1991")]
    [InlineData("fecha de nacimiento 14/02/1991")]
    [InlineData("nacida el 14/02/1991")]
    [InlineData("Nació el 14/02/1991")]
    [InlineData("cumpleaños 14/02/1991")]
    [InlineData("geboortedatum 14-02-1991")]
    [InlineData("verjaardag 14-02-1991")]
    [InlineData("02/14/1991 (dob)")]
    [InlineData("02/14/1991 - d.o.b")]
    [InlineData("02/14/1991 (birthday)")]
    public void MayHoldBirthDate_EveryBirthPhrase_LetsTheTextThrough(string text) =>
        Assert.True(DateOfBirthRecognizer.MayHoldBirthDate(text));

    [Theory]
    [InlineData("Delivered on 12/03/2024 between 10 and 12.")]
    [InlineData("Delivered on \u0661\u0662/\u0660\u0663/\u0661\u0669\u0668\u0666")]
    [InlineData("My mother was born in December.")]
    public void MayHoldBirthDate_NoBirthPhraseOrNoDigit_StopsTheText(string text) =>
        Assert.False(DateOfBirthRecognizer.MayHoldBirthDate(text));

    // A date in other digits must reach the date check, which reads every script's digits.
    [Fact]
    public void MayHoldBirthDate_DigitsOtherThanAscii_LetsTheTextThrough() =>
        Assert.True(DateOfBirthRecognizer.MayHoldBirthDate("DOB \u0661\u0664/\u0660\u0662/\u0669\u0661"));

    // The pattern's four-digit years start with ASCII "19" or "20", so a date all in other digits has a two-digit year.
    [Fact]
    public void Analyze_BirthDateInArabicIndicDigits_FindsItInsteadOfThrowing() =>
        RecognizerAssert.Finds(PiiTypes.DateOfBirth, "DOB \u0661\u0664/\u0660\u0662/\u0669\u0661", "\u0661\u0664/\u0660\u0662/\u0669\u0661");

    [Theory]
    [InlineData("1991", 1991)]
    [InlineData("\u0661\u0669\u0669\u0661", 1991)]
    [InlineData("\u0967\u096F", 19)]
    [InlineData("07", 7)]
    public void Number_DigitsOfAnyScript_ReadsTheirValue(string digits, int expected) =>
        Assert.Equal(expected, DateOfBirthRecognizer.Number(digits));
}

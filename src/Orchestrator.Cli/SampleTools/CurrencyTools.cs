using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.SemanticKernel;
using Orchestrator.Tools;

namespace Orchestrator.Cli.SampleTools;

[JsonConverter(typeof(JsonStringEnumConverter<CurrencyCode>))]
public enum CurrencyCode
{
    EUR,
    USD,
    GBP,
    CHF,
    JPY,
    SEK,
    DKK,
    PLN,
}

/// <summary>
/// Converts between a few currencies over a fixed rate table. The rates are sample data, stated
/// in the answer, so nobody mistakes them for live prices.
/// </summary>
public sealed class CurrencyTools
{
    public const string RatesAsOf = "2025-01-02 (sample rates)";

    /// <summary>Units of each currency per 1 EUR.</summary>
    private static readonly Dictionary<CurrencyCode, decimal> PerEuro = new()
    {
        [CurrencyCode.EUR] = 1m,
        [CurrencyCode.USD] = 1.04m,
        [CurrencyCode.GBP] = 0.83m,
        [CurrencyCode.CHF] = 0.94m,
        [CurrencyCode.JPY] = 163.5m,
        [CurrencyCode.SEK] = 11.5m,
        [CurrencyCode.DKK] = 7.46m,
        [CurrencyCode.PLN] = 4.27m,
    };

    [KernelFunction("convert_currency")]
    [Description("Converts an amount of money from one currency to another using a fixed exchange-rate table.")]
    [ToolExamples("convert 100 USD to EUR", "how much is 250 GBP in euros?", "what is 1,000 EUR in Swiss francs")]
    [ToolSynonyms("from", "euro=EUR", "euros=EUR", "dollar=USD", "dollars=USD", "pound=GBP", "pounds=GBP", "franc=CHF", "francs=CHF", "yen=JPY", "zloty=PLN")]
    [ToolSynonyms("to", "euro=EUR", "euros=EUR", "dollar=USD", "dollars=USD", "pound=GBP", "pounds=GBP", "franc=CHF", "francs=CHF", "yen=JPY", "zloty=PLN")]
    public string Convert(
        [Description("Amount to convert")] double amount,
        [Description("ISO code of the currency to convert from")] CurrencyCode from,
        [Description("ISO code of the currency to convert to")] CurrencyCode to)
    {
        if (!double.IsFinite(amount) || amount < 0 || amount > 1e12)
        {
            throw new ToolArgumentException("amount must be between 0 and 1,000,000,000,000");
        }

        if (!PerEuro.TryGetValue(from, out var fromRate) || !PerEuro.TryGetValue(to, out var toRate))
        {
            throw new ToolArgumentException($"supported currencies are {string.Join(", ", PerEuro.Keys)}");
        }

        var converted = (decimal)amount / fromRate * toRate;
        return string.Create(CultureInfo.InvariantCulture, $"{amount:#,0.##} {from} is about {converted:#,0.00} {to} (rates as of {RatesAsOf}).");
    }
}

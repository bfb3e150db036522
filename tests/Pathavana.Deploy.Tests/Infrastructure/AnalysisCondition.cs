using System.Globalization;

namespace Pathavana.Deploy.Tests.Infrastructure;

/// <summary>
/// Evaluates an Argo Rollouts success or failure condition (the expr language it uses) over a
/// Prometheus result, for the part of the language the analysis templates write: <c>len(result)</c>,
/// <c>result[i]</c>, <c>isNaN(x)</c>, numbers, comparisons, <c>!</c>, <c>&amp;&amp;</c>, <c>||</c>
/// and parentheses. As in Go, a comparison with NaN is false. Anything else is refused, so a
/// template using more of the language fails the test instead of being judged wrongly.
/// </summary>
public sealed class AnalysisCondition
{
    private readonly string _text;
    private readonly IReadOnlyList<double> _result;
    private int _position;

    /// <summary>Above 0 while parsing the right side of a short-circuited &amp;&amp; or ||: parsed, not evaluated.</summary>
    private int _skipping;

    private AnalysisCondition(string text, IReadOnlyList<double> result)
    {
        _text = text;
        _result = result;
    }

    public static bool Evaluate(string condition, IReadOnlyList<double> result)
    {
        var parser = new AnalysisCondition(condition, result);
        var value = parser.Or();
        parser.SkipSpace();
        if (parser._position != condition.Length)
        {
            throw new FormatException($"Unexpected '{condition[parser._position..]}' in condition '{condition}'.");
        }
        return value is bool b ? b : throw new FormatException($"Condition '{condition}' is not a boolean.");
    }

    private object Or()
    {
        var left = And();
        while (Take("||"))
        {
            var decided = AsBool(left);
            var right = Skipping(decided, And);
            left = decided || AsBool(right);
        }
        return left;
    }

    private object And()
    {
        var left = Comparison();
        while (Take("&&"))
        {
            var decided = !AsBool(left);
            var right = Skipping(decided, Comparison);
            left = !decided && AsBool(right);
        }
        return left;
    }

    private object Comparison()
    {
        var left = Unary();
        foreach (var op in new[] { ">=", "<=", "==", "!=", ">", "<" })
        {
            if (Take(op))
            {
                var a = AsNumber(left);
                var b = AsNumber(Unary());
                return op switch
                {
                    ">=" => a >= b,
                    "<=" => a <= b,
                    "==" => a == b,
                    "!=" => a != b,
                    ">" => a > b,
                    _ => a < b,
                };
            }
        }
        return left;
    }

    private object Unary()
    {
        if (Take("!"))
        {
            return !AsBool(Unary());
        }
        if (Take("("))
        {
            var inner = Or();
            Expect(")");
            return inner;
        }
        if (Take("len(result)"))
        {
            return (double)_result.Count;
        }
        if (Take("isNaN("))
        {
            var x = AsNumber(Or());
            Expect(")");
            return double.IsNaN(x);
        }
        if (Take("result["))
        {
            var index = (int)AsNumber(Unary());
            Expect("]");
            // expr panics on an index out of range; Argo Rollouts counts that measurement as an error.
            return index < _result.Count ? _result[index]
                : _skipping > 0 ? double.NaN
                : throw new ArgumentOutOfRangeException(nameof(index), $"result[{index}] with {_result.Count} values: the measurement errs.");
        }
        SkipSpace();
        var start = _position;
        while (_position < _text.Length && (char.IsDigit(_text[_position]) || _text[_position] == '.'))
        {
            _position++;
        }
        if (start == _position)
        {
            throw new FormatException($"Unexpected '{_text[start..]}' in condition '{_text}'.");
        }
        return double.Parse(_text[start.._position], CultureInfo.InvariantCulture);
    }

    /// <summary>Parses the right side of &amp;&amp; or ||; when the left side decided, without evaluating it.</summary>
    private object Skipping(bool decided, Func<object> parse)
    {
        if (!decided)
        {
            return parse();
        }
        _skipping++;
        try
        {
            parse();
            return false;
        }
        finally
        {
            _skipping--;
        }
    }

    private bool Take(string token)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _position, token, 0, token.Length) == 0)
        {
            _position += token.Length;
            return true;
        }
        return false;
    }

    private void Expect(string token)
    {
        if (!Take(token))
        {
            throw new FormatException($"Expected '{token}' at {_position} in condition '{_text}'.");
        }
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private static bool AsBool(object value) => value as bool? ?? throw new FormatException($"{value} is not a boolean.");

    private static double AsNumber(object value) => value as double? ?? throw new FormatException($"{value} is not a number.");
}

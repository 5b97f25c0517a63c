using System.Collections.Frozen;
using System.Text;

namespace AiProd.Sanitizing;

/// <summary>
/// Turns a detection copy into the text the toxicity rules read: lower-case lemmas separated by single spaces, a
/// "," token wherever a clause ends, contractions and chat spellings written out ("ur" → "your", "gonna" → "going
/// to"), masked words filled in ("f*ck"), and a capitalised name inside a sentence marked as a person ("@sarah").
/// </summary>
internal static class ToxicityTokens
{
    // "from=to": chat spellings and contractions written out.
    private static readonly FrozenDictionary<string, string> Expansions = new[]
    {
        "u=you", "ya=you", "yu=you", "yall=you all", "y'all=you all", "you're=you are", "youre=you are", "ur=your",
        "yer=your", "urself=yourself", "yourselves=yourself", "urselves=yourself", "yoself=yourself",
        "you'll=you will", "youll=you will", "you'd=you would", "you've=you have", "i'm=i am", "im=i am",
        "i'll=i will", "i'd=i would", "i've=i have", "we'll=we will", "gonna=going to", "wanna=want to",
        "gotta=got to", "imma=i am going to", "ima=i am going to", "i'ma=i am going to", "don't=do not",
        "dont=do not", "won't=will not", "wont=will not", "can't=can not", "cant=can not", "cannot=can not",
        "wouldn't=would not", "wouldnt=would not", "shouldn't=should not", "didn't=did not", "isn't=is not",
        "aren't=are not", "ain't=is not", "doesn't=does not", "doesnt=does not", "hasn't=has not", "haven't=have not",
        "wasn't=was not", "weren't=were not", "it's=it is", "that's=that is", "he's=he is", "she's=she is",
        "they're=they are", "stfu=shut the fuck up", "gtfo=get the fuck out", "kms=kill myself", "r=are",
    }.Select(p => p.Split('=')).ToFrozenDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    // Capitalised words that are not names even inside a sentence.
    private static readonly FrozenSet<string> NotNames = new[]
    {
        "i", "the", "a", "an", "and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "my", "your", "his", "her", "our",
        "their", "he", "she", "they", "we", "you", "it", "this", "that", "is", "are", "god", "lord", "mr", "mrs", "ms", "dr",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "english", "french", "christmas", "tv",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Words a mask can hide: the lexicon's and the small words around them ("y*u're").
    private static readonly string[] MaskCandidates = [.. SpelledWords.Vocabulary.Where(w => w.Length >= 3)];

    // "Mr. Jensen": a dot after these does not end a sentence.
    private static readonly FrozenSet<string> Titles = new[] { "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "mx" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The rule text, padded with a space at each end so every token sits between two spaces.</summary>
    public static string Of(string detection)
    {
        var words = new List<(string Word, bool SentenceStart, bool BreakBefore)>();
        var sentenceStart = true;
        var breakBefore = false;
        var i = 0;
        while (i < detection.Length)
        {
            var c = detection[i];
            if (IsWordStart(detection, i))
            {
                var start = i;
                i++;
                while (i < detection.Length && IsWordChar(detection, i))
                    i++;
                words.Add((detection[start..i], sentenceStart, breakBefore));
                (sentenceStart, breakBefore) = (false, false);
                if (i < detection.Length && detection[i] == '.' && Titles.Contains(detection[start..i]))
                    i++;
                continue;
            }

            if (c is '.' or '!' or '?' or '"' or '“' or '”' or '…' or '\u2014' or '\u2013' or ';' or ':' or ',' or '(' or ')' or '[' or ']' || (c == '-' && i + 1 < detection.Length && detection[i + 1] == ' '))
            {
                breakBefore = true;
                sentenceStart |= c is '.' or '!' or '?' or '"' or '“' or '”' or ':';
            }

            i++;
        }

        var sb = new StringBuilder(detection.Length + 8).Append(' ');
        for (var w = 0; w < words.Count; w++)
        {
            if (words[w].BreakBefore && w > 0)
                sb.Append(", ");

            // A capitalised unknown word opening a sentence is a name only when the sentence says what it is ("Sarah is").
            var next = w + 1 < words.Count && !words[w + 1].BreakBefore ? words[w + 1].Word : "";
            var nameAtStart = next is "is" or "was" or "are";
            AppendWord(sb, words[w].Word, words[w].SentenceStart && !nameAtStart);
        }

        return sb.ToString();
    }

    private static void AppendWord(StringBuilder sb, string word, bool sentenceStart)
    {
        var lower = word.ToLowerInvariant();
        if (lower.AsSpan().IndexOfAny('’', 'ʼ') >= 0)
            lower = lower.Replace('’', '\'').Replace('ʼ', '\'');
        if (lower.EndsWith("'s", StringComparison.Ordinal) && !Expansions.ContainsKey(lower))
            lower = lower[..^2];
        lower = lower.Trim('\'');

        // A title says a name follows; the rules need only the name ("Mr. Jensen" → "@jensen").
        if (lower.Length == 0 || Titles.Contains(lower))
            return;
        if (lower.Contains('*', StringComparison.Ordinal))
            lower = Unmask(lower);

        // "@re", "@bsolute": an "@" that reads as "a" in front of a known word is that word, not a handle.
        if (lower[0] == '@' && SpelledWords.Vocabulary.Contains("a" + lower[1..]))
        {
            lower = "a" + lower[1..];
        }
        else if (lower[0] == '@' || (!sentenceStart && IsName(word, lower)))
        {
            sb.Append('@').Append(lower.TrimStart('@')).Append(' ');
            return;
        }

        sb.Append(Expansions.TryGetValue(lower, out var expanded) ? expanded : Lemma(lower)).Append(' ');
    }

    // Capitalised, not all capitals, and not a word the rules know ("Sarah", not "Kill" or "You").
    private static bool IsName(string word, string lower) =>
        char.IsUpper(word[0]) && word.AsSpan(1).ContainsAnyInRange('a', 'z') && !NotNames.Contains(lower)
            && !SpelledWords.Vocabulary.Contains(lower) && !ToxicityLexicon.Groups.Contains(lower);

    /// <summary>The rules' form of a word: verb lemma, singular insult or slur, else the word.</summary>
    internal static string Lemma(string word)
    {
        if (ToxicityLexicon.BodyParts.Contains(word))
            return word;
        if (ToxicityLexicon.Lemmas.TryGetValue(word, out var lemma))
            return lemma;
        if (Slurs.Lemma(word) is { } slur)
            return slur;
        if (word.Length > 3 && word[^1] == 's' && ToxicityLexicon.InsultNouns.Contains(word[..^1]))
            return word[..^1];
        return word;
    }

    /// <summary>"f*ck" → "fuck": the one lexicon word of the same length that agrees on every visible letter.</summary>
    private static string Unmask(string word)
    {
        if (word.Count(c => c == '*') * 2 > word.Length || word[0] == '*')
            return word.Replace("*", "", StringComparison.Ordinal);
        var matches = MaskCandidates.Where(w => w.Length == word.Length && w.Zip(word).All(p => p.Second == '*' || p.First == p.Second)).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : word.Replace("*", "", StringComparison.Ordinal);
    }

    private static bool IsWordStart(string text, int i) =>
        char.IsLetterOrDigit(text[i]) || (text[i] == '@' && i + 1 < text.Length && char.IsLetter(text[i + 1]));

    // Letters, digits and masks; an apostrophe or hyphen only between them ("you're", "die-cast").
    private static bool IsWordChar(string text, int i)
    {
        var c = text[i];
        if (char.IsLetterOrDigit(c) || c == '*')
            return true;
        return c is '\'' or '’' or 'ʼ' or '-' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]) && char.IsLetterOrDigit(text[i - 1]);
    }
}

using System.Collections.Frozen;
using System.Text;

namespace AiProd.Sanitizing;

/// <summary>
/// A compact confusables table in the spirit of Unicode TR39 skeletons: letters of other scripts that look like
/// Latin ones ("о" Cyrillic, "ο" Greek, "ᴋ" small capital) map to the Latin letter they imitate, keeping case.
/// Only for the detection copy: a Russian or Greek prompt handed on to the pipeline keeps its own letters.
/// </summary>
internal static class Confusables
{
    // Pairs "look-alike, Latin", grouped by script; a Latin side may be two letters (æ → ae).
    private static readonly string[] Pairs =
    [
        // Cyrillic
        "АA", "ВB", "ЕE", "ЁE", "ЅS", "ІI", "ЇI", "ЈJ", "КK", "МM", "НH", "ОO", "РP", "СC", "ТT", "УY", "ХX", "ЬB", "ҺH", "ӀI", "ԚQ", "ԜW",
        "аa", "вb", "гr", "еe", "ёe", "ѕs", "іi", "їi", "јj", "кk", "мm", "нh", "оo", "пn", "рp", "сc", "тt", "уy", "хx", "ьb",
        "һh", "ӏl", "ԁd", "ԛq", "ԝw",
        // Greek
        "ΑA", "ΒB", "ΕE", "ΖZ", "ΗH", "ΙI", "ΚK", "ΜM", "ΝN", "ΟO", "ΡP", "ΤT", "ΥY", "ΧX", "ϹC", "ϿJ",
        "αa", "βb", "γy", "εe", "ηn", "ιi", "κk", "νv", "οo", "ρp", "σo", "τt", "υu", "χx", "ωw", "ϲc", "ϳj",
        "άa", "έe", "ήn", "ίi", "όo", "ύu", "ώw", "ϊi", "ϋu",
        // Armenian and Cherokee
        "օo", "սu", "հh", "ոn", "ցg", "զq", "ՍU", "ՕO", "ᎪA", "ᏴB", "ᏟC", "ᎬE", "ᎻH", "ᎫJ", "ᏦK", "ᎷM", "ᏢP", "ᏚS", "ᎢT", "ᏔW", "ᏃZ",
        // Latin small capitals, IPA and stroked letters that no normal form folds
        "ᴀa", "ʙb", "ᴄc", "ᴅd", "ᴇe", "ꜰf", "ɢg", "ʜh", "ɪi", "ᴊj", "ᴋk", "ʟl", "ᴍm", "ɴn", "ᴏo", "ᴘp", "ʀr", "ꜱs", "ᴛt", "ᴜu",
        "ᴠv", "ᴡw", "ʏy", "ᴢz", "ɑa", "ɡg", "ɩi", "ıi", "ȷj", "łl", "ŁL", "øo", "ØO", "đd", "ĐD", "ħh", "ĦH", "ŀl", "ƒf", "ǀl",
        "ßss", "æae", "ÆAE", "œoe", "ŒOE",
    ];

    private static readonly FrozenDictionary<char, string> Map = Pairs.ToFrozenDictionary(p => p[0], p => p[1..]);

    /// <summary>Appends the Latin look-alike of <paramref name="rune"/>, or false when it has none.</summary>
    public static bool TryAppend(StringBuilder sb, Rune rune)
    {
        if (rune.IsBmp && Map.TryGetValue((char)rune.Value, out var latin))
        {
            sb.Append(latin);
            return true;
        }

        // Negative circled and squared letters (🅐, 🅰) and regional indicators (🇦) spell words too.
        var v = rune.Value;
        var letter = v switch
        {
            >= 0x1F150 and <= 0x1F169 => v - 0x1F150,
            >= 0x1F170 and <= 0x1F189 => v - 0x1F170,
            >= 0x1F1E6 and <= 0x1F1FF => v - 0x1F1E6,
            _ => -1,
        };
        if (letter < 0)
            return false;
        sb.Append((char)('a' + letter));
        return true;
    }
}

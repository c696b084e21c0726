# Converts string-keyed UI texts to the typed members of Texts (docs/ui.md "Pages, view models and texts"). Idempotent; safe to re-run.
#   python3 src/SmartEnv.Web/Resources/Ui/convert_keys.py
# 1. If the old single table Resources/Ui/texts.tsv exists (key, zh, en), its rows are moved into the per-area tables:
#    a key already in keymap.tsv updates its row there (a text edited on another branch wins); a new key goes to the area
#    of the files that use it (one area -> that area, several -> common) and is added to keymap.tsv. texts.tsv is deleted.
# 2. gen.py regenerates the .resx files and Ui/Texts.g.cs.
# 3. Every .razor/.cs file under src/SmartEnv.Web is rewritten: T["Key"] / T["Key"].Value / UiText.Get("Key") ->
#    Texts.Area.Member; T["Key", a, b] / UiText.Get("Key", a, b) -> Texts.Area.Member(a, b); T["Prefix_" + x] ->
#    Texts.Area.Group(x) (the typed lookup of the group); T[c ? "A" : "B"] -> (c ? Texts.Area.A : Texts.Area.B). Keys it
#    cannot map are listed at the end (exit code 1).
import os, re, subprocess, sys

D = os.path.dirname(os.path.abspath(__file__))
WEB = os.path.normpath(os.path.join(D, '..', '..'))
KEYMAP = os.path.join(D, 'keymap.tsv')

# Area of a source file (path relative to src/SmartEnv.Web); anything else is "common".
FILE_AREAS = [
    (r'Components/Pages/Air\.razor|Ui/Air(Service|Charts)\.cs', 'air'),
    (r'Components/Pages/Overview\.razor|Ui/Overview(Service|Map)\.cs', 'overview'),
    (r'Components/Pages/Water\.razor|Ui/Water(Service|Charts)\.cs', 'water'),
    (r'Components/Pages/Noise\.razor|Ui/Noise\w*\.cs', 'noise'),
    (r'Components/Pages/Alerts\.razor|Ui/AlertExports\.cs', 'alerts'),
    (r'Components/Pages/Data\.razor|Ui/DataService\.cs', 'data'),
    (r'Components/Pages/Plan\.razor|Ui/Plan\w*\.cs', 'plan'),
    (r'Components/Pages/Public\.razor', 'public'),
    (r'Components/(App\.razor|Layout/|Controls/)', 'layout'),
]
# Prefixes dropped from a key to name its member inside the area (PlanHeading -> Texts.Plan.Heading).
STRIP = {'plan': ['Plan'], 'noise': ['Noise'], 'water': ['Water'], 'alerts': ['Alerts', 'Alert'], 'data': ['Op', 'Data'],
         'air': ['Air'], 'overview': ['Overview']}
RESERVED = {'Resources', 'Keys', 'Areas', 'EnumLookups', 'Get', 'Format'}


def cls(area):
    return ''.join(p[:1].upper() + p[1:] for p in re.split(r'[-_]', area))


def read_tsv(path):
    return [l.split('\t') for l in open(path, encoding='utf-8').read().split('\n') if l.strip()]


def load_keymap():
    # old key -> (area, member, kind, value): kind '' for a plain text, 'enum'/'keys'/'int' for a group row
    if not os.path.exists(KEYMAP):
        return {}
    return {r[0]: (r[1], r[2], r[3], r[4]) for r in read_tsv(KEYMAP) if not r[0].startswith('#')}


def sources():
    for root, _, files in os.walk(WEB):
        if '/bin' in root or '/obj' in root:
            continue
        for f in sorted(files):
            if f.endswith(('.razor', '.cs')) and not f.endswith('.g.cs'):
                yield os.path.join(root, f)


def area_of_file(path):
    rel = os.path.relpath(path, WEB).replace(os.sep, '/')
    for pat, area in FILE_AREAS:
        if re.fullmatch(pat, rel):
            return area
    return 'common'


def split_old_table(keymap):
    old = os.path.join(D, 'texts.tsv')
    if not os.path.exists(old):
        return
    texts = {f: open(f, encoding='utf-8').read() for f in sources()}
    tables = {}  # area -> list of lines

    def table(area):
        if area not in tables:
            p = os.path.join(D, area + '.tsv')
            tables[area] = open(p, encoding='utf-8').read().rstrip('\n').split('\n') if os.path.exists(p) else [f'@area\t{cls(area)}']
        return tables[area]

    added = []
    for key, zh, en in read_tsv(old):
        if key in keymap:
            area, member, kind, value = keymap[key]
            row_key = member if not kind else f'{member}_{value}'
            lines = table(area)
            for i, l in enumerate(lines):
                if l.split('\t')[0] == row_key:
                    lines[i] = f'{row_key}\t{zh}\t{en}'
                    break
            else:
                lines.append(f'{row_key}\t{zh}\t{en}')
            continue
        used = {area_of_file(f) for f, t in texts.items() if re.search(r'"' + re.escape(key) + r'"', t)}
        area = used.pop() if len(used) == 1 else 'common'
        members = {l.split('\t')[1] if l.startswith('@') else l.split('\t')[0] for l in table(area)}
        member = key
        for p in STRIP.get(area, []):
            if key.startswith(p) and key[len(p):][:1].isupper() and key[len(p):] not in members | RESERVED and key[len(p):] != cls(area):
                member = key[len(p):]
                break
        table(area).append(f'{member}\t{zh}\t{en}')
        keymap[key] = (area, member, '', '')
        added.append(f'{key} -> {area}.tsv {member}')
    for area, lines in tables.items():
        with open(os.path.join(D, area + '.tsv'), 'w', encoding='utf-8', newline='\n') as w:
            w.write('\n'.join(lines) + '\n')
    with open(KEYMAP, 'w', encoding='utf-8', newline='\n') as w:
        w.write('# old key (texts.tsv) <tab> area (tsv) <tab> member <tab> group kind <tab> group value; written by convert_keys.py\n')
        for k in sorted(keymap):
            w.write('\t'.join((k,) + keymap[k]) + '\n')
    os.remove(old)
    for a in added:
        print('new key:', a)


def scan_string(s, i):
    # s[i] == '"': index after the closing quote of a C# regular string literal
    j = i + 1
    while s[j] != '"':
        j += 2 if s[j] == '\\' else 1
    return j + 1


def scan_to(s, i, close):
    # from i, the index of the `close` bracket that ends the current nesting level
    depth = 0
    while i < len(s):
        c = s[i]
        if c == '"':
            i = scan_string(s, i)
            continue
        if c == "'" and i + 2 < len(s) and s[i + 2] == "'":
            i += 3
            continue
        if c in '([{':
            depth += 1
        elif c in ')]}':
            if depth == 0:
                if c != close:
                    raise ValueError(f'unbalanced at {i}')
                return i
            depth -= 1
        i += 1
    raise ValueError('unterminated')


CALL = re.compile(r'(?<![A-Za-z0-9_.])(T\[|UiText\.Get\()\s*"')


def rewrite(text, keymap, groups, problems, path):
    out, pos = [], 0
    for m in CALL.finditer(text):
        if m.start() < pos:
            continue
        close = ']' if m.group(1) == 'T[' else ')'
        q = m.end() - 1
        end_lit = scan_string(text, q)
        key = text[q + 1:end_lit - 1]
        j = end_lit
        while text[j] == ' ':
            j += 1
        try:
            end = scan_to(text, j, close)
        except ValueError:
            problems.append(f'{path}: cannot parse at {text[m.start():m.start() + 60]!r}')
            continue
        rest = text[j:end].strip()
        repl = None
        if rest == '' or rest.startswith(','):
            if key in keymap:
                area, member, kind, value = keymap[key]
                if kind == 'enum':
                    repl = f'Texts.{cls(area)}.{member}({groups[(area, member)]}.{value})'
                elif kind in ('keys', 'int'):
                    repl = f'Texts.{cls(area)}.{member}({value if kind == "int" else chr(34) + value + chr(34)})'
                elif rest == '':
                    repl = f'Texts.{cls(area)}.{member}'
                else:
                    repl = f'Texts.{cls(area)}.{member}({rest[1:].strip()})'
        elif rest.startswith('+'):
            prefix = key.rstrip('_')
            hit = [(a, mem) for k, (a, mem, kind, _) in keymap.items() if kind and k.startswith(key) and k[:len(key)] == key
                   and k[len(key):] and (key.endswith('_') or k[len(key)] == '_' or (kind == 'int' and k[len(key)].isdigit()))]
            if hit and len(set(hit)) == 1:
                a, mem = hit[0]
                repl = f'Texts.{cls(a)}.{mem}({rest[1:].strip()})'
            else:
                problems.append(f'{path}: no group for prefix {prefix!r}')
        if repl is None:
            if not rest.startswith('+'):
                problems.append(f'{path}: unknown key {key!r}')
            continue
        after = end + 1
        if re.match(r'\.Value(?![A-Za-z0-9_])', text[after:]):
            after += len('.Value')
        out.append(text[pos:m.start()])
        out.append(repl)
        pos = after
    out.append(text[pos:])
    return ''.join(out)


# T[c ? "A" : "B"] / UiText.Get(c ? "A" : "B") with two plain keys -> (c ? Texts.X.A : Texts.Y.B)
TERNARY = re.compile(r'(?<![A-Za-z0-9_.])(?:T\[|UiText\.Get\()\s*([^?"\[\]()]+?)\s*\?\s*"(\w+)"\s*:\s*"(\w+)"\s*[\])]')


def ternary(m, keymap):
    a, b = keymap.get(m.group(2)), keymap.get(m.group(3))
    if not a or not b or a[2] or b[2]:
        return m.group(0)
    return f'({m.group(1)} ? Texts.{cls(a[0])}.{a[1]} : Texts.{cls(b[0])}.{b[1]})'


def main():
    keymap = load_keymap()
    split_old_table(keymap)
    subprocess.run([sys.executable, os.path.join(D, 'gen.py')], check=True)
    groups = {}
    for f in os.listdir(D):
        if f.endswith('.tsv') and f not in ('keymap.tsv', 'texts.tsv'):
            for r in read_tsv(os.path.join(D, f)):
                if r[0] == '@enum':
                    groups[(f[:-4], r[1])] = r[2]
    problems = []
    for path in sources():
        text = open(path, encoding='utf-8').read()
        new = TERNARY.sub(lambda m: ternary(m, keymap), text)
        new = rewrite(new, keymap, groups, problems, os.path.relpath(path, WEB))
        # Helpers that took the localizer only to read texts: the argument goes with it.
        new = new.replace('Incomplete.Missing(T, ', 'Incomplete.Missing(')
        new = re.sub(r'(OverviewMap\.Build\([^;]*?), T\)', r'\1)', new)
        new = new.replace('@inject IStringLocalizer<UiText> T\n', '')
        if new != text:
            with open(path, 'w', encoding='utf-8', newline='') as w:
                w.write(new)
            print('rewrote', os.path.relpath(path, WEB))
    for p in problems:
        print('NOT CONVERTED:', p)
    sys.exit(1 if problems else 0)


if __name__ == '__main__':
    main()

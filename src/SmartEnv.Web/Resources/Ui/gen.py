# Regenerates UiText.resx (zh-CN, neutral) and UiText.en-US.resx from texts.tsv (key, zh, en).
import html, os
d = os.path.dirname(os.path.abspath(__file__))
rows = [l.rstrip('\n').split('\t') for l in open(os.path.join(d, 'texts.tsv'), encoding='utf-8') if l.strip()]
hdr = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''
for idx, name in ((1, 'UiText.resx'), (2, 'UiText.en-US.resx')):
    with open(os.path.join(d, name), 'w', encoding='utf-8') as f:
        f.write(hdr)
        for r in rows:
            assert len(r) == 3, r
            f.write(f'  <data name="{r[0]}" xml:space="preserve"><value>{html.escape(r[idx], quote=False)}</value></data>\n')
        f.write('</root>\n')

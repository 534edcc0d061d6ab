package classify

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/orderwatch/orderwatch/shared/taxonomy"
)

// vocabFiles reads every vocabulary file there is (vocab/*.csv).
func vocabFiles(t testing.TB) []*vocabFile {
	t.Helper()
	names, err := filepath.Glob("vocab/*.csv")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	var files []*vocabFile
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parseVocab(name, string(b))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}

// sourceRepo is the owner/repo a dev.csv source names ("github:owner/repo@commit:path",
// "owner/repo (note)", "a | b").
func sourceRepo(s string) string {
	s, _, _ = strings.Cut(s, " | ")
	s = strings.TrimPrefix(strings.TrimSpace(s), "github:")
	if i := strings.IndexAny(s, "@ :("); i >= 0 {
		s = s[:i]
	}
	return s
}

// unseenSets are the held-out sets written for this package (testdata/unseen*.csv).
func unseenSets(t testing.TB) []string {
	t.Helper()
	names, err := filepath.Glob("testdata/unseen*.csv")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	for i, n := range names {
		names[i] = strings.TrimSuffix(filepath.Base(n), ".csv")
	}
	return names
}

// labelledRows is every labelled row outside the vocabularies: dev.csv (with its source
// repository) and each unseen*.csv (source "own/<set>").
func labelledRows(t testing.TB) []vocabRow {
	t.Helper()
	var rows []vocabRow
	for i, r := range readCSV(t, "testdata/dev.csv") {
		code, _, _ := strings.Cut(r["code"], " | ")
		rows = append(rows, vocabRow{file: "testdata/dev.csv", line: i + 2, carrier: r["carrier"], lang: r["language"],
			code: code, text: r["message"], label: taxonomy.ParcelStatus(r["label"]), source: sourceRepo(r["source"])})
	}
	for _, set := range unseenSets(t) {
		for i, r := range readCSV(t, "testdata/"+set+".csv") {
			rows = append(rows, vocabRow{file: "testdata/" + set + ".csv", line: i + 2, lang: r["lang"], text: r["text"],
				label: taxonomy.ParcelStatus(r["label"]), source: "own/" + set})
		}
	}
	return rows
}

// trainingRows is what the shipped model learns from: every labelled row.
func trainingRows(files []*vocabFile, extra []vocabRow) []vocabRow {
	var rows []vocabRow
	for _, f := range files {
		rows = append(rows, f.rows...)
	}
	return append(rows, extra...)
}

// TestCompiledVocab fails when compiled/vocab.bin or compiled/model.bin no longer match the
// vocabulary files and labelled sets; with -update (go generate ./shared/classify) it
// rewrites them.
func TestCompiledVocab(t *testing.T) {
	files := vocabFiles(t)
	reviewed := labelledRows(t)
	v, st := buildVocab(files, nil, reviewed, eventRules)
	m := trainModel(append(trainingRows(files, reviewed), ruleRows(t)...))
	rows := 0
	for _, f := range files {
		rows += len(f.rows)
	}
	t.Logf("%d vocabulary files, %d carriers, %d rows: %d codes (%d dropped: labels tied, %d by majority), "+
		"%d carrier texts (%d tied, %d by majority), %d any-carrier texts (%d tied); %d texts the rules read alike left out",
		len(files), len(v.carriers), rows, st.codes, st.codesTied, st.codesOverruled, st.texts, st.textsTied, st.textsOverruled, st.anyTexts, st.anyTied, st.readAlike)
	t.Logf("%d official texts left out because the labelled sets label them otherwise:\n  %s", len(st.contradicted), strings.Join(st.contradicted, "\n  "))
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"compiled/vocab.bin", encodeVocab(v)},
		{"compiled/model.bin", encodeModel(m)},
	} {
		if *update {
			if err := os.WriteFile(tt.name, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(tt.name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(tt.data, got) {
			t.Errorf("%s is stale: vocab/*.csv or the labelled sets changed; run `go generate ./shared/classify`", tt.name)
		}
	}
	// What the package loads is what the files say, field for field.
	back, err := decodeVocab(string(encodeVocab(v)))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(v, back, cmp.AllowUnexported(vocab{}, vocabCarrier{}, vocabAlias{}, vocabCode{}, vocabText{}, ints{}),
		cmpopts.IgnoreFields(vocab{}, "ids", "memo")); diff != "" {
		t.Errorf("decoded vocab mismatch (-want +got):\n%s", diff)
	}
	// The codes' ids, made at the first lookup, are every code's "code:<carrier>:<key>".
	v.makeIDs()
	back.makeIDs()
	if v.ids.s != back.ids.s || !slices.Equal(v.ids.off, back.ids.off) || len(v.ids.off) != v.ncodes()+1 {
		t.Errorf("codes' ids differ once made")
	}
	for c, cr := range back.carriers {
		for i := cr.codeStart; i < cr.codeEnd; i++ {
			if e := back.codeAt(c, int(i)); !strings.HasPrefix(e.id, "code:"+cr.key+":") || e.key() == "" {
				t.Errorf("code %d of %s: id %q, key %q", i, cr.key, e.id, e.key())
			}
		}
	}
	mb, err := decodeModel(string(encodeModel(m)))
	if err != nil || len(mb.w) != len(m.w) || string(encodeModel(mb)) != string(encodeModel(m)) {
		t.Fatalf("decoded model differs (%v)", err)
	}
	// Weights read in place, XORed back at each use: the same weights; the same known words.
	for i := 0; i < len(m.w); i++ {
		if mb.w[i]^mb.xor != m.w[i]^m.xor {
			t.Fatalf("decoded weight %d differs", i)
		}
	}
	if !slices.Equal(mb.known, m.known) || len(m.known) == 0 {
		t.Fatalf("decoded known words differ: %d, want %d", len(mb.known), len(m.known))
	}
}

// TestParseVocabErrors: a broken vocabulary file fails go generate and the tests with its
// file and line.
func TestParseVocabErrors(t *testing.T) {
	head := "# carrier: acme\n# aliases: acme | acme post\n" + strings.Join(vocabColumns, ",") + "\n"
	good := "acme,en,1,Delivered,delivered,o/r,MIT\n"
	tests := []struct{ name, text, want string }{
		{"unknown label", head + good + "acme,en,2,Gone,vanished,o/r,MIT\n", "x.csv:5: label \"vanished\""},
		{"wrong carrier", head + good + good + "other,en,2,Gone,exception,o/r,MIT\n", "x.csv:6: carrier \"other\""},
		{"too few fields", head + "acme,en,2,Gone,exception\n", "x.csv:4: 5 fields"},
		{"no language", head + ",en,1,x,delivered,o/r,MIT\n", "x.csv:4: carrier"},
		{"empty language", head + "acme,,1,x,delivered,o/r,MIT\n", "x.csv:4: no language"},
		{"no code, no message", head + "acme,en,,,delivered,o/r,MIT\n", "x.csv:4: neither"},
		{"no source", head + "acme,en,1,x,delivered,,MIT\n", "x.csv:4: no source"},
		{"bad quote", head + good + "acme,en,1,\"x\"y\",delivered,o/r,MIT\n", "x.csv:5:"},
		{"wrong columns", "# carrier: acme\ncarrier,lang,code,message,label,source,license\n", "x.csv:2: columns"},
		{"bad key", "# carrier: Acme Post\n" + strings.Join(vocabColumns, ",") + "\n", "x.csv:1: carrier key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseVocab("vocab/x.csv", tt.text)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parseVocab: error %v, want one containing %q", err, tt.want)
			}
		})
	}
	// A multi-line quoted message counts its lines.
	f, err := parseVocab("vocab/acme-2.csv", head+"acme,en,1,\"two\nlines\",delivered,o/r,MIT\n"+good)
	if err != nil || len(f.rows) != 2 || f.rows[1].line != 6 || f.carrier != "acme" {
		t.Errorf("parseVocab(multi-line) = %+v, %v; want 2 rows, the second on line 6", f, err)
	}
	// A byte-order mark and Windows line ends are read through.
	f, err = parseVocab("vocab/acme.csv", "\ufeff"+strings.ReplaceAll(head+good, "\n", "\r\n"))
	if err != nil || len(f.rows) != 1 || f.rows[0].text != "Delivered" || f.rows[0].line != 4 {
		t.Errorf("parseVocab(BOM, CRLF) = %+v, %v", f, err)
	}
	// The carrier key defaults to the file name without its "-<n>".
	f, err = parseVocab("vocab/acme-2.csv", strings.Join(vocabColumns, ",")+"\n"+good)
	if err != nil || f.carrier != "acme" || len(f.aliases) != 1 {
		t.Errorf("parseVocab(no header) = %+v, %v; want carrier acme", f, err)
	}
}

// testVocab is a small vocabulary written here, in the format of vocab/*.csv, with real
// carriers' codes and texts (Russian Post's OperType.OperAttr, DHL's ICE codes).
func testVocab(t *testing.T) *classifier {
	t.Helper()
	files := []struct{ name, text string }{
		{"vocab/russianpost.csv", `# carrier: russianpost
# aliases: russianpost | russian post | pochta | почта россии
carrier,language,code,message,label,source,license
russianpost,ru,2,Вручение,delivered,o/r,MIT
russianpost,ru,2.1,Вручение адресату,delivered,o/r,MIT
russianpost,ru,2.3,Вручение отправителю,returned,o/r,MIT
russianpost,ru,14.1,Выпущено таможней,customs,o/r,MIT
russianpost,ru,12.1,Неудачная попытка вручения,delivery_failed,o/r,MIT
russianpost,ru,8,Обработка,in_transit,o/r,MIT
russianpost,ru,8.2,Прибыло в место вручения,in_transit,o/r,MIT
russianpost,ru,8.2,Прибыло в место вручения,arrived_destination,o/r,MIT
russianpost,ru,8.2,Прибыло в место вручения,in_transit,o/r,MIT
russianpost,ru,99.1,Странное,accepted,o/r,MIT
russianpost,ru,99.1,Странное,exception,o/r,MIT
`},
		{"vocab/dhl.csv", `# carrier: dhl
# aliases: dhl | dhl paket | deutsche post
carrier,language,code,message,label,source,license
dhl,en,ULFMV,Unloaded from movement vehicle,in_transit,o/r,MIT
dhl,de,DLVRD.SPOUS,Zustellung an Ehegatten,delivered,o/r,MIT
dhl,en,ALERT,Alert,unknown,o/r,MIT
dhl,en,,Processed,in_transit,o/r,MIT
`},
		{"vocab/dhl-6.csv", `# carrier: dhl
# aliases: dhl | dhl express | mydhl
carrier,language,code,message,label,source,license
dhl,en,PU,Shipment picked up,accepted,o/r,MIT
`},
		{"vocab/dhl-7.csv", `# carrier: dhl
# aliases: dhl | dhl paket | dhl parcel de
carrier,language,code,message,label,source,license
dhl,en,PO,In delivery process,out_for_delivery,o/r,MIT
`},
		{"vocab/acme.csv", `# carrier: acme
# aliases: acme
carrier,language,code,message,label,source,license
acme,en,P1,Processed,accepted,o/r,MIT
acme,en,P2,Shipment sorted at hub,in_transit,o/r,MIT
acme,en,P3,Shipment sorted at hub,in_transit,o/r,MIT
acme,en,K7,Scheme K7 applied,customs_held,o/r,MIT
`},
	}
	var vf []*vocabFile
	for _, f := range files {
		p, err := parseVocab(f.name, f.text)
		if err != nil {
			t.Fatal(err)
		}
		vf = append(vf, p)
	}
	v, _ := buildVocab(vf, nil, nil, nil)
	return &classifier{events: eventRules, codes: codeTables, vocab: v, model: std.model}
}

func TestVocabCodes(t *testing.T) {
	c := testVocab(t)
	tests := []struct {
		name string
		in   Input
		want taxonomy.ParcelStatus
		rule string
	}{
		{"two-part code, full pair", Input{Text: "-", Carrier: "Russian Post", Code: "2.3"}, taxonomy.Returned, "code:russianpost:2.3"},
		{"two-part code as OperType=;OperAttr=", Input{Carrier: "Почта России / Russian Post", Code: "OperType=14;OperAttr=1"}, taxonomy.Customs, "code:russianpost:14.1"},
		{"a carrier named in Cyrillic", Input{Carrier: "ПОЧТА РОССИИ", Code: "2.3"}, taxonomy.Returned, "code:russianpost:2.3"},
		{"leading zeros", Input{Carrier: "russianpost", Code: "02.01"}, taxonomy.Delivered, "code:russianpost:2.1"},
		{"type alone when the table has it", Input{Carrier: "pochta", Code: "2.7"}, taxonomy.Delivered, "code:russianpost:2"},
		{"no type row: the txt table's type", Input{Carrier: "russianpost", Code: "12.9"}, taxonomy.DeliveryFailed, "code:russianpost:12"},
		{"majority of three rows", Input{Carrier: "russianpost", Code: "8.2"}, taxonomy.InTransit, "code:russianpost:8.2"},
		{"tied labels are dropped", Input{Carrier: "russianpost", Code: "99.1"}, taxonomy.Unknown, "none"},
		{"alias inside a longer name", Input{Carrier: "DHL Paket (Germany)", Code: "DLVRD.SPOUS"}, taxonomy.Delivered, "code:dhl:DLVRD.SPOUS"},
		// One carrier's several systems: a product's own name selects its own table only.
		{"the product's table", Input{Carrier: "dhl_express", Code: "PU"}, taxonomy.Accepted, "code:dhl-6.csv:PU"},
		{"another product's code is not read", Input{Carrier: "DHL Express", Code: "PO"}, taxonomy.Unknown, "none"},
		{"the carrier's name alone: every product's codes", Input{Carrier: "DHL", Code: "PO"}, taxonomy.OutForDelivery, "code:dhl:PO"},
		{"an alias two files share: the carrier's table", Input{Carrier: "DHL Paket", Code: "PU"}, taxonomy.Accepted, "code:dhl:PU"},
		{"ICE=;RIC= labels", Input{Carrier: "dhl", Code: "ICE=DLVRD;RIC=SPOUS"}, taxonomy.Delivered, "code:dhl:DLVRD.SPOUS"},
		{"another carrier's code is not read", Input{Carrier: "acme", Code: "ULFMV"}, taxonomy.Unknown, "none"},
		{"no carrier, no vocabulary code", Input{Code: "ULFMV"}, taxonomy.Unknown, "none"},
		{"a problem in the text beats a routine code", Input{Text: "Parcel damaged", Carrier: "dhl", Code: "ULFMV"}, taxonomy.Exception, "en:exception/damaged"},
		// A code from the tables gathered under a carrier's name yields to a text that names
		// another stage; a code of a curated system (codes/*.txt) keeps the old precedence.
		{"a gathered table's code yields to the text", Input{Text: "Out for delivery", Carrier: "acme", Code: "P1"}, taxonomy.OutForDelivery, "en:out_for_delivery"},
		{"a gathered table's code and a text that tells nothing", Input{Text: "Status update", Carrier: "acme", Code: "P1"}, taxonomy.Accepted, "code:acme:P1"},
		{"a specific code beats a generic text", Input{Text: "Status update", Carrier: "russianpost", Code: "2.1"}, taxonomy.Delivered, "code:russianpost:2.1"},
		// A code is written beside many texts; the carrier's own text names one event.
		{"the carrier's own text beats its code", Input{Text: "Выпущено таможней", Carrier: "russianpost", Code: "2.1"}, taxonomy.Customs, "text:russianpost"},
		{"another carrier's text does not", Input{Text: "Unloaded from movement vehicle", Carrier: "russianpost", Code: "2.1"}, taxonomy.Delivered, "code:russianpost:2.1"},
		// No rule reads the words; a clause of them is the carrier's official text.
		{"official text, then particulars", Input{Text: "Scheme K7 applied - 69003 LYON, 14", Carrier: "acme"}, taxonomy.CustomsHeld, textClauseID},
		{"particulars, then official text", Input{Text: "LYON 14: Scheme K7 applied", Carrier: "acme"}, taxonomy.CustomsHeld, textClauseID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.event(tt.in)
			if got.Status != tt.want || !strings.HasPrefix(got.Rule, tt.rule) {
				t.Errorf("event(%+v) = %s (rule %s), want %s (rule %s…)", tt.in, got.Status, got.Rule, tt.want, tt.rule)
			}
		})
	}
	// A clause is looked up whole: half an official text is not one.
	if got := c.event(Input{Text: "Scheme K7 - applied", Carrier: "acme"}); got.Rule == textClauseID {
		t.Errorf("%q: rule %s (%s), want no official clause", "Scheme K7 - applied", got.Rule, got.Status)
	}
}

func TestVocabTexts(t *testing.T) {
	c := testVocab(t)
	tests := []struct {
		name string
		in   Input
		want taxonomy.ParcelStatus
		rule string
		conf float64
	}{
		{"the carrier's own text", Input{Text: "Processed", Carrier: "acme"}, taxonomy.Accepted, "text:acme", confTextRules},
		{"another carrier: the majority over carriers is tied, so the rules", Input{Text: "Processed"}, taxonomy.InTransit, "en:", 0},
		{"any carrier's text, case and punctuation aside", Input{Text: "UNLOADED from movement-vehicle."}, taxonomy.InTransit, "text:any", 0},
		{"an official text labelled unknown stays unknown", Input{Text: "Alert", Carrier: "dhl"}, taxonomy.Unknown, "text:dhl", confTextCarrier},
		{"the rules agree: full confidence", Input{Text: "Вручение адресату", Carrier: "russianpost"}, taxonomy.Delivered, "text:russianpost", confTextCarrier},
		{"the carrier named in Cyrillic", Input{Text: "Вручение адресату", Carrier: "Почта России"}, taxonomy.Delivered, "text:russianpost", confTextCarrier},
		{"not exact: the rules", Input{Text: "Вручение адресату почтальоном", Carrier: "russianpost"}, taxonomy.Delivered, "ru:", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.event(tt.in)
			if got.Status != tt.want || !strings.HasPrefix(got.Rule, tt.rule) || tt.conf != 0 && got.Confidence != tt.conf {
				t.Errorf("event(%+v) = %s (rule %s, confidence %v), want %s (rule %s…, confidence %v)", tt.in, got.Status, got.Rule, got.Confidence, tt.want, tt.rule, tt.conf)
			}
			if v := taxonomy.VendorCodesFor(got.Status, got.Reason); v.SeventeenTrack != got.SeventeenTrack || v.AfterShip != got.AfterShip {
				t.Errorf("vendor codes %s/%s, want %+v", got.SeventeenTrack, got.AfterShip, v)
			}
		})
	}
}

// TestModelFallback: with no rule, code or official text to go by, the model gives its best
// status with a low confidence; a text none of whose words the labelled rows share (names,
// places, gibberish) stays unknown. The rules are left out here so that the model alone is
// tested, whatever rules/*.txt come to cover.
func TestModelFallback(t *testing.T) {
	none, err := compileEventRules(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &classifier{events: none, model: std.model}
	tests := []struct {
		text string
		want taxonomy.ParcelStatus
	}{
		// Wordings near, not equal to, labelled rows.
		{"Gönderiniz teslim edildi", taxonomy.Delivered},
		{"Votre colis a été livré au destinataire", taxonomy.Delivered},
		{"Przesyłka doręczona do adresata", taxonomy.Delivered},
		{"Посылка прибыла в сортировочный центр", taxonomy.InTransit},
		{"Paket wurde dem Empfänger zugestellt", taxonomy.Delivered},
		{"Your parcel has been delivered to the recipient", taxonomy.Delivered},
		{"Item arrived at the sorting facility", taxonomy.InTransit},
		{"The courier is out delivering your parcel", taxonomy.OutForDelivery},
		{"Die Sendung wurde in das Zustellfahrzeug geladen", taxonomy.OutForDelivery},
		{"Votre colis est en cours d'acheminement", taxonomy.InTransit},
		{"El envío ha sido entregado al destinatario", taxonomy.Delivered},
		{"Paquete en tránsito hacia el centro de distribución", taxonomy.InTransit},
		{"Objeto entregue ao destinatário", taxonomy.Delivered},
		{"Objeto em trânsito para a unidade de distribuição", taxonomy.InTransit},
		{"Вручено адресату", taxonomy.Delivered},
		{"Przesyłka w drodze do oddziału", taxonomy.InTransit},
		{"Kargonuz dağıtıma çıktı", taxonomy.OutForDelivery},
		{"La spedizione è stata consegnata al destinatario", taxonomy.Delivered},
		{"Посилку доставлено отримувачу", taxonomy.Delivered},
		{"快件已签收", taxonomy.Delivered},
		{"快件正在运输途中", taxonomy.InTransit},
		{"Het pakket is bezorgd bij de ontvanger", taxonomy.Delivered},
		{"배송이 완료되었습니다", taxonomy.Delivered},
		{"お届けが完了しました", taxonomy.Delivered},
		// No status at all.
		{"John Smith", taxonomy.Unknown},
		{"Иван Петров", taxonomy.Unknown},
		{"Jan Kowalski", taxonomy.Unknown},
		{"asdf qwerty", taxonomy.Unknown},
		{"RR123456785CN", taxonomy.Unknown},
		{"12.05.2025 14:30", taxonomy.Unknown},
	}
	// The model is retrained from every labelled row and rule phrase at each change, and a
	// single near wording can flip at a small margin (the Turkish one did, at 2): of the
	// wordings with a status, three in four must come out right (set before the 7 Dec list of
	// 24 was first run); names and the like must all stay unknown.
	near, nearWrong := 0, 0
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := c.event(Input{Text: tt.text})
			if tt.want != taxonomy.Unknown {
				near++
				if got.Status != tt.want {
					nearWrong++
					t.Logf("event(%q) = %s (rule %s), want %s", tt.text, got.Status, got.Rule, tt.want)
				}
			} else if got.Status != tt.want {
				t.Errorf("event(%q) = %s (rule %s), want %s", tt.text, got.Status, got.Rule, tt.want)
			}
			n, _ := normalize(nil, tt.text)
			_, margin, _ := c.model.predict(n)
			if want := modelConfidence(margin); got.Status != taxonomy.Unknown && (got.Rule != "model:"+string(got.Status) || got.Confidence != want || want >= 0.5) {
				t.Errorf("event(%q): rule %s, confidence %v; want model:%s, %v (margin %v), under 0.5", tt.text, got.Rule, got.Confidence, got.Status, want, margin)
			}
			if v := taxonomy.VendorCodesFor(got.Status, got.Reason); v.SeventeenTrack != got.SeventeenTrack || v.AfterShip != got.AfterShip {
				t.Errorf("vendor codes %s/%s, want %+v", got.SeventeenTrack, got.AfterShip, v)
			}
		})
	}
	if 4*nearWrong > near {
		t.Errorf("the model read %d of %d near wordings wrong (logged above), want at most a quarter", nearWrong, near)
	}
	// The model's confidence is below any rule's.
	for _, a := range eventRules.alts {
		m := matchResult{best: &a}
		if m.confidence() <= confModelSure && a.conf == 0 {
			t.Errorf("rule %s: confidence %v, not above the model's %v", a.id(), m.confidence(), confModelSure)
			break
		}
	}
	// With the rules, a text they read never reaches the model.
	if got := Event(Input{Text: "Delivered"}); strings.HasPrefix(got.Rule, "model:") {
		t.Errorf("Event(Delivered) = %+v from the model", got)
	}
}

// TestModelReadsCodeWords: an event with no text whose code is words no rule reads gets the
// model's answer, marked as read from the code and as unsure as any of the model's; a code of
// no known word stays unknown, as does an unknown carrier's code when there is a text.
func TestModelReadsCodeWords(t *testing.T) {
	none, err := compileEventRules(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &classifier{events: none, model: std.model}
	near, nearWrong := 0, 0
	for _, tt := range []struct {
		code string
		want taxonomy.ParcelStatus
	}{
		// Codes near the words of labelled rows, as carriers' APIs spell them.
		{"PARCEL_DELIVERED_TO_RECIPIENT", taxonomy.Delivered},
		{"ShipmentDeliveredToRecipient", taxonomy.Delivered},
		{"ARRIVED_AT_SORTING_FACILITY", taxonomy.InTransit},
		{"returned_to_sender", taxonomy.Returned},
	} {
		got := c.event(Input{Code: tt.code, Carrier: "no such carrier"})
		n, _ := normalize(nil, tt.code)
		_, margin, _ := c.model.predict(n)
		if got.Status != taxonomy.Unknown && (got.Rule != "code-text:model:"+string(got.Status) || got.Confidence != modelConfidence(margin)) {
			t.Errorf("code %q: rule %s, confidence %v; want code-text:model:%s, %v", tt.code, got.Rule, got.Confidence, got.Status, modelConfidence(margin))
		}
		near++
		if got.Status != tt.want {
			nearWrong++
			t.Logf("code %q = %s (rule %s), want %s", tt.code, got.Status, got.Rule, tt.want)
		}
	}
	if 4*nearWrong > near {
		t.Errorf("the model read %d of %d codes wrong (logged above), want at most a quarter", nearWrong, near)
	}
	for _, code := range []string{"X40", "20803", "Z_9_Q"} {
		if got := c.event(Input{Code: code, Carrier: "no such carrier"}); got.Status != taxonomy.Unknown || got.Rule != "none" {
			t.Errorf("code %q = %s (rule %s), want unknown (none): no word the model knows", code, got.Status, got.Rule)
		}
	}
	// A text decides over the code, whatever the model makes of it (the code is read as words
	// only without a text): the model's own answer on the text, or none when it abstains.
	text := "Paket wurde dem Empfänger zugestellt"
	n, _ := normalize(nil, text)
	want, _, ok := c.guess(n, modelRuleIDs)
	if !ok {
		want.Rule = "none"
	}
	if got := c.event(Input{Text: text, Code: "RETURNED_TO_SENDER", Carrier: "no such carrier"}); got.Rule != want.Rule {
		t.Errorf("text and code: rule %s, want %s (the model on the text)", got.Rule, want.Rule)
	}
}

// TestEventNoAllocs: the hot path allocates nothing, whichever stage decides.
func TestEventNoAllocs(t *testing.T) {
	inputs := []Input{
		{Text: "Delivered", Lang: "en"}, // a rule
		{Text: "Aguardando pagamento do despacho postal", Carrier: "Correios (Brazil)"},            // an official text
		{Text: "-", Carrier: "Russian Post", Code: "OperType=14;OperAttr=1"},                       // a vocabulary code
		{Text: "Clearance", Code: "AE_CC_IM_SUCCESS"},                                              // a codes/*.txt code
		{Text: "Gönderiniz teslim edildi", Carrier: "PTT Kargo"},                                   // the model, or a rule
		{Text: "John Smith", Carrier: "Some Carrier Ltd"},                                          // nothing
		{Code: "AVAILABLE_IN_SHOP", Carrier: "bpost"},                                              // the code read as words, by a rule or the model
		{Text: "Đơn hàng đã được giao thành công", Lang: "vi"},                                     // Vietnamese letters folded
		{Text: strings.Repeat("Paket wurde zugestellt ", 20), Carrier: "DHL Paket", Code: "DLVRD"}, // long (a text that normalises to over 512 bytes costs one buffer)
	}
	for _, in := range inputs {
		if n := testing.AllocsPerRun(200, func() { Event(in) }); n != 0 {
			t.Errorf("Event(%.40q): %v allocations per call", in.Text, n)
		}
	}
}

// BenchmarkFallback is the cost of an event only the model reads.
func BenchmarkFallback(b *testing.B) {
	none, err := compileEventRules(nil)
	if err != nil {
		b.Fatal(err)
	}
	c := &classifier{events: none, model: std.model}
	in := Input{Text: "Gönderiniz alıcıya teslim edildi"}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		c.event(in)
	}
}

// BenchmarkLoadVocab is what start-up pays for the vocabularies and the model.
func BenchmarkLoadVocab(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := decodeVocab(compiledVocab); err != nil {
			b.Fatal(err)
		}
		if _, err := decodeModel(compiledModel); err != nil {
			b.Fatal(err)
		}
	}
}

// TestShippedVocabulary: the compiled vocabularies answer for real carriers' codes and texts
// (rows of vocab/russianpost.csv, correios.csv, dhl.csv).
func TestShippedVocabulary(t *testing.T) {
	tests := []struct {
		name string
		in   Input
		want taxonomy.ParcelStatus
		rule string
	}{
		{"Russian Post type.attr, carrier in Cyrillic", Input{Carrier: "Почта России", Code: "OperType=14;OperAttr=6"}, taxonomy.CustomsHeld, "code:russianpost:14.6"},
		{"Russian Post type alone", Input{Carrier: "Russian Post", Code: "2.99"}, taxonomy.Delivered, "code:russianpost:2"},
		{"Correios tipo/status", Input{Carrier: "Correios (Brazil)", Code: "BDE/02"}, taxonomy.DeliveryFailed, "code:correios"},
		{"DHL ICE event", Input{Carrier: "DHL Paket", Code: "ICE=DLVRD"}, taxonomy.Delivered, "code:dhl"},
		// A code the vocabulary and a curated code file both have keeps the curated system's
		// precedence over a text naming another stage.
		{"a curated system's code the vocabulary also has", Input{Text: "Arrived at sorting center", Carrier: "cainiao", Code: "GTMS_SIGNED"}, taxonomy.Delivered, "code:cainiao:"},
		// A curated system's carrier keeps its own texts, which outrank its codes: Russian
		// Post's "released by customs" beside a delivery code.
		{"the carrier's own text beats its curated code", Input{Text: "Выпущено таможней", Carrier: "Russian Post", Code: "2.1"}, taxonomy.Customs, "text:russianpost"},
		// Official texts the rules read otherwise (those they read alike are not shipped).
		{"the carrier's own text", Input{Text: "Изъято из почтомата", Carrier: "Russian Post"}, taxonomy.Exception, "text:russianpost"},
		{"an official text, no carrier", Input{Text: "Передача вложения на баланс"}, taxonomy.Exception, "text:any"},
		{"an official text the rules read alike is the rules'", Input{Text: "Objeto entregue ao destinatário"}, taxonomy.Delivered, "pt:delivered"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Event(tt.in)
			if got.Status != tt.want || !strings.HasPrefix(got.Rule, tt.rule) {
				t.Errorf("Event(%+v) = %s (rule %s), want %s (rule %s…)", tt.in, got.Status, got.Rule, tt.want, tt.rule)
			}
		})
	}
}

// FuzzDecodeModel: a damaged compiled/model.bin is an error, never a panic, and whatever
// decodes predicts without one.
func FuzzDecodeModel(f *testing.F) {
	f.Add(compiledModel)
	f.Add(compiledModel[:len(compiledModel)/2])
	f.Add(compiledModel[:len(modelMagic)+40])
	f.Fuzz(func(t *testing.T, data string) {
		m, err := decodeModel(data)
		if err != nil {
			return
		}
		for _, s := range []string{"Delivered to the recipient", "Вручение адресату", "已签收"} {
			text, _ := normalize(nil, s)
			m.predict(text)
		}
	})
}

// FuzzDecodeVocab: a damaged compiled/vocab.bin is an error, never a panic, and whatever
// decodes answers lookups without one.
func FuzzDecodeVocab(f *testing.F) {
	f.Add(compiledVocab)
	f.Add(compiledVocab[:len(compiledVocab)/2])
	f.Add(vocabMagic)
	f.Fuzz(func(t *testing.T, data string) {
		v, err := decodeVocab(data)
		if err != nil {
			return
		}
		var buf [64]byte
		for _, s := range []string{"Delivered", "Вручение адресату", "已签收"} {
			text, _ := normalize(buf[:0], s)
			for c := -1; c < len(v.carriers) && c < 4; c++ {
				v.text(text, c)
				v.clause(text, c)
			}
		}
	})
}

// TestCarrierMemo: a remembered carrier name selects what looking it up selects, on a first
// call, a repeat, and after hundreds of other names have taken the slots over.
func TestCarrierMemo(t *testing.T) {
	v := std.vocab
	var names [][]byte
	for _, r := range readCSV(t, "testdata/dev.csv") {
		names = append(names, carrierKey(nil, r["carrier"]))
	}
	for i := 0; i < 600; i++ { // more names than slots: every slot is replaced
		names = append(names, []byte("carrier"+strconv.Itoa(i)+"post"))
	}
	names = append(names, []byte("dhl"), []byte("groupsupply"), []byte("chinapostregisteredairmail"), []byte("ups"))
	for round := 0; round < 3; round++ {
		for _, n := range names {
			if got, want := v.carrier(n), v.findCarrier(n); got != want {
				t.Fatalf("round %d: carrier(%q) = %d, looked up %d", round, n, got, want)
			}
		}
	}
	if v.carrier([]byte("dhl")) < 0 || v.carrier([]byte("groupsupply")) >= 0 || v.carrier(nil) >= 0 {
		t.Errorf("dhl %d, groupsupply %d, no name %d", v.carrier([]byte("dhl")), v.carrier([]byte("groupsupply")), v.carrier(nil))
	}
}

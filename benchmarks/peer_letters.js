// Time datarequests.org's letter generator (npm letter-generator 2.2.1: pdfmake 0.2, Roboto embedded) on sar's texts.
//
//     node peer_letters.js LETTERS.json N      (run from the folder where letter-generator is installed)
//
// LETTERS.json: a list of {sender, recipient, information, subject, content, name}, the same letters sar writes.
// Prints one JSON line: {"letters": N, "seconds": ..., "bytes": <size of the first PDF>, "version": "2.2.1"}.
//
// The letter is built by the library (`new Letter(props).doc`, its DIN 5008 layout) and printed by pdfmake's Node
// printer with the Roboto files decoded once, to a buffer: the fastest way to run it in one process (the library's
// own PdfRenderer goes through pdfmake's browser bundle, which re-reads the fonts for every letter and was slower).
"use strict";
const fs = require("fs");
const { Letter } = require("letter-generator");
const PdfPrinter = require("pdfmake");
const vfsModule = require("pdfmake/build/vfs_fonts");

const vfs = vfsModule.pdfMake ? vfsModule.pdfMake.vfs : vfsModule;
const font = (name) => Buffer.from(vfs[name], "base64");
const printer = new PdfPrinter({
    Roboto: {
        normal: font("Roboto-Regular.ttf"),
        bold: font("Roboto-Medium.ttf"),
        italics: font("Roboto-Italic.ttf"),
        bolditalics: font("Roboto-MediumItalic.ttf"),
    },
});

function render(props) {
    return new Promise((resolve) => {
        const pdf = printer.createPdfKitDocument(new Letter(props).doc);
        const chunks = [];
        pdf.on("data", (chunk) => chunks.push(chunk));
        pdf.on("end", () => resolve(Buffer.concat(chunks)));
        pdf.end();
    });
}

async function main() {
    const letters = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
    const n = parseInt(process.argv[3] || "100", 10);
    const props = letters.map((letter) => ({
        sender_address: letter.sender,
        recipient_address: letter.recipient,
        information_block: letter.information,
        subject: letter.subject,
        content: letter.content,
        signature: { type: "text", name: letter.name },
    }));
    const first = await render(props[0]); // warm-up, as sar's figures are after its first letter
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await render(props[i % props.length]);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const version = require("letter-generator/package.json").version;
    console.log(JSON.stringify({ letters: n, seconds, bytes: first.length, version }));
}

main();

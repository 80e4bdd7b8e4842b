const {default:p}=await import('puppeteer-core');
const extra=process.argv.slice(2);
const r=[];
for(let i=0;i<5;i++){
const t0=performance.now();
const b=await p.launch({executablePath:'/usr/bin/chromium',pipe:true,args:['--no-sandbox','--disable-gpu','--font-render-hinting=none',...extra],defaultViewport:{width:1920,height:1080}});
const t1=performance.now();
const pg=(await b.pages())[0];
await pg.goto('file:///tmp/b20out/b20/everyone/index.html?print-pdf');
await pg.waitForFunction('window.briefdeck && window.briefdeck.printReady === true');
const pdf=await pg.pdf({width:'1920px',height:'1080px',printBackground:true,tagged:true});
const t2=performance.now();
await b.close(); const t3=performance.now();
r.push([t1-t0,t2-t1,t3-t2,t3-t0]);
}
const med=(k)=>r.map(x=>x[k]).sort((a,b)=>a-b)[2].toFixed(0);
console.log(extra.join(' ')||'(none)','launch',med(0),'print',med(1),'close',med(2),'total',med(3));

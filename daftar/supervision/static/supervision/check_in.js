// Fills the check-in form's hidden latitude, longitude and accuracy from the browser's
// geolocation when it gives one; the form works the same without it.
(function () {
  var form = document.querySelector("form[data-check-in]");
  if (!form || !navigator.geolocation) return;
  var status = form.querySelector("[data-location-status]");
  navigator.geolocation.getCurrentPosition(
    function (position) {
      form.querySelector("[name=latitude]").value = position.coords.latitude.toFixed(6);
      form.querySelector("[name=longitude]").value = position.coords.longitude.toFixed(6);
      form.querySelector("[name=accuracy]").value = Math.round(position.coords.accuracy);
      if (status) status.hidden = false;
    },
    function () {},
    { enableHighAccuracy: true, timeout: 8000, maximumAge: 60000 }
  );
})();
